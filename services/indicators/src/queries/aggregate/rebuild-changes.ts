import { sql, type Kysely } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { Fact, FactRows } from '../facts/indicators.projection';
import { ResidentDeltaStream } from './resident-delta-stream';
import { residentFactOf } from './resident-fact-of';
import { entityOf, writeCountChanges, type EntityEvent } from './write-deltas';

/** Late events whose changes are computed together in the last phase: bounded memory, few queries. */
const LATE_AT_ONCE = 20_000;

/**
 * The rebuild's count changes (decision 0012): `observe` sees each event's facts as the fill gathers
 * them; a resident's on-time fact's changes go straight into the gathered `a_delta` columns (written by
 * the same COPY as the facts), the rest — late facts, merchants' facts — are listed in `r_late` by the
 * same COPY and computed from the fact rows by `finish`, once the facts are in and indexed.
 */
export class RebuildChanges {
  private readonly residents = new ResidentDeltaStream((e) => this.later(e));

  constructor(private readonly columns: () => FactRows['columns']) {}

  readonly observe = (e: RecordedEvent, seq: number, facts: readonly Fact[]): void => {
    const found = residentFactOf(facts);
    if (!found) {
      // Merchants are a small share of the events: theirs are all computed at the end.
      const merchant = entityOf(facts);
      if (merchant) this.later({ ...merchant, commune: e.stream.commune, seq, recordedAt: e.recordedAt });
      return;
    }
    this.residents.apply(e.stream.commune, found.residentKey, found.fact, seq, e.recordedAt, (c) =>
      // In a_delta's column order (fact-tables.ts).
      this.push('a_delta', [
        e.stream.commune,
        c.indicator,
        c.level,
        c.village,
        c.day,
        e.recordedAt,
        c.delta,
        seq,
      ]),
    );
  };

  /** The changes left for later, from the fact rows (after the keys and indexes are built). */
  async finish(db: Kysely<FactsDatabase>, schema: string): Promise<void> {
    for (let after = -1; ;) {
      const late = await db
        .selectFrom('r_late')
        .select(['kind', 'commune', 'id', 'seq', 'recorded_at'])
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(LATE_AT_ONCE)
        .execute();
      if (late.length === 0) break;
      const events = late.map((r) => ({
        kind: r.kind as EntityEvent['kind'],
        commune: r.commune,
        id: r.id,
        seq: Number(r.seq),
        recordedAt: new Date(r.recorded_at).toISOString(),
      }));
      await writeCountChanges(db, events, { rebuild: schema });
      after = events.at(-1)!.seq;
    }
    // Emptied at once, its space with it (a delete would leave every row dead until a vacuum).
    await sql`truncate ${sql.table(`${schema}.r_late`)}`.execute(db);
  }

  /** In r_late's column order (fact-tables.ts). */
  private later(e: EntityEvent): void {
    this.push('r_late', [e.kind, e.commune, e.id, e.seq, e.recordedAt]);
  }

  private push(table: 'a_delta' | 'r_late', row: readonly unknown[]): void {
    const columns = this.columns();
    let arrays = columns.get(table);
    if (!arrays) columns.set(table, (arrays = row.map(() => [])));
    for (let i = 0; i < row.length; i++) arrays[i]!.push(row[i]);
  }
}
