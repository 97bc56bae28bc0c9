import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { Fact, FactRows } from '../facts/indicators.projection';
import { ResidentDeltaStream } from './resident-delta-stream';
import { residentFactOf } from './resident-fact-of';
import { entityOf, writeCountChanges } from './write-deltas';

/**
 * The rebuild's count changes (decision 0012): `observe` sees each event's facts as the fill gathers
 * them; a resident's on-time fact's changes go straight into the gathered `a_delta` columns (written by
 * the same COPY as the facts), the rest — late facts, merchants' facts — are computed from the fact rows
 * by `finish`, once the facts are in and indexed.
 */
export class RebuildChanges {
  private readonly residents = new ResidentDeltaStream();

  constructor(private readonly columns: () => FactRows['columns']) {}

  readonly observe = (e: RecordedEvent, seq: number, facts: readonly Fact[]): void => {
    const found = residentFactOf(facts);
    if (!found) {
      // Merchants are a small share of the events: theirs are all computed at the end.
      const merchant = entityOf(facts);
      if (merchant)
        this.residents.late.push({ ...merchant, commune: e.stream.commune, seq, recordedAt: e.recordedAt });
      return;
    }
    this.residents.apply(e.stream.commune, found.residentKey, found.fact, seq, e.recordedAt, (c) => {
      const columns = this.columns();
      let arrays = columns.get('a_delta');
      if (!arrays) columns.set('a_delta', (arrays = [[], [], [], [], [], [], [], []]));
      // In a_delta's column order (fact-tables.ts).
      const row = [e.stream.commune, c.indicator, c.level, c.village, c.day, e.recordedAt, c.delta, seq];
      for (let i = 0; i < row.length; i++) arrays[i]!.push(row[i]);
    });
  };

  /** The changes left for later, from the fact rows (after the keys and indexes are built). */
  finish(db: Kysely<FactsDatabase>, schema: string): Promise<void> {
    return writeCountChanges(db, this.residents.late, { rebuild: schema });
  }
}
