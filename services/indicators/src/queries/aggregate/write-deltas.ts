import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import { copyInto, type CopyColumn, type CopyType } from '@cnscd/read-model';
import { FACT_TABLES } from '../../infrastructure/fact-tables';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { ResidentFacts } from '../engine/facts';
import { residentsByKey } from '../values/load-facts';
import { countChanges, factsUpTo, indicatorsChangedBy } from './resident-deltas';
import type { LateEvent } from './resident-delta-stream';

type Db = Kysely<FactsDatabase> | Transaction<FactsDatabase>;
type DeltaRow = FactsDatabase['a_delta'];

/** The outreach events that change a resident's contributions: their own facts. */
const RESIDENT_FACTS = new Set([
  'ResidentRegistered',
  'ResidentMoved',
  'AdoptionStageConfirmed',
  'AdoptionConfirmationRetracted',
]);

/** A resident's facts, with the instant each event (by `seq`) was recorded. */
interface KnownResident extends ResidentFacts {
  readonly key: string;
  readonly recordedAt: ReadonlyMap<number, string>;
}

/** Every resident of a commune named (or all, without `keys`), as their fact rows say. */
async function residentsOf(db: Db, commune: string, keys?: readonly string[]): Promise<KnownResident[]> {
  const of = <T extends 'f_residents' | 'f_residence' | 'f_adoption'>(table: T) => {
    const q = db
      .selectFrom(table as 'f_residence')
      .selectAll()
      .where('commune', '=', commune);
    return (keys ? q.where('resident_key', 'in', keys) : q).execute() as unknown as Promise<
      FactsDatabase[T][]
    >;
  };
  const [people, homes, steps] = await Promise.all([of('f_residents'), of('f_residence'), of('f_adoption')]);
  const recorded = new Map<string, Map<number, string>>();
  for (const f of [...homes, ...steps])
    (recorded.get(f.resident_key) ?? recorded.set(f.resident_key, new Map()).get(f.resident_key)!).set(
      Number(f.seq),
      new Date(f.recorded_at).toISOString(),
    );
  return [...residentsByKey(people, homes, steps)].map(([key, r]) => ({
    ...r,
    key,
    recordedAt: recorded.get(key) ?? new Map(),
  }));
}

/** The count changes one event made, given the resident's facts (those recorded after it are ignored). */
const rowsOf = (commune: string, r: ResidentFacts, seq: number, recordedAt: string): DeltaRow[] =>
  countChanges(factsUpTo(r, seq, false), factsUpTo(r, seq, true), indicatorsChangedBy(r, seq)).map((c) => ({
    commune,
    ...c,
    recorded_at: recordedAt,
    seq,
  }));

async function insertDeltas(db: Db, rows: readonly DeltaRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('a_delta')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.columns(['seq', 'indicator', 'level', 'village', 'day']).doNothing())
      .execute();
}

/**
 * The projection's part (decision 0012): for each event of the batch that is a resident's fact, the
 * count changes it makes, from that resident's facts (already written in this transaction). Keyed by
 * the event, so a redelivered batch writes nothing new.
 */
export async function writeResidentDeltas(trx: Db, events: readonly RecordedEvent[]): Promise<void> {
  const byCommune = new Map<string, RecordedEvent[]>();
  for (const e of events)
    if (e.stream.context === 'outreach' && RESIDENT_FACTS.has(e.type))
      (byCommune.get(e.stream.commune) ?? byCommune.set(e.stream.commune, []).get(e.stream.commune)!).push(e);
  const rows: DeltaRow[] = [];
  for (const [commune, own] of byCommune) {
    const keyOf = (e: RecordedEvent) => (e.data as { residentKey: string }).residentKey;
    const known = await residentsOf(trx, commune, [...new Set(own.map(keyOf))]);
    const residents = new Map(known.map((r) => [r.key, r]));
    for (const e of own) {
      const r = residents.get(keyOf(e));
      if (r)
        rows.push(...rowsOf(commune, r, e.position * 100 + e.index, new Date(e.recordedAt).toISOString()));
    }
  }
  await insertDeltas(trx, rows);
}

/**
 * The rebuild's part: the count changes of the events it left for later (`ResidentDeltaStream.late`),
 * once every fact is in, from each resident's fact rows — the same rows the projection writes. Each
 * resident's rows are read once; the changes go in by binary COPY (each late event is read once, so
 * nothing is there to conflict with).
 */
export async function writeLateDeltas(
  db: Kysely<FactsDatabase>,
  schema: string,
  late: readonly LateEvent[],
): Promise<void> {
  const byCommune = new Map<string, LateEvent[]>();
  for (const e of late) (byCommune.get(e.commune) ?? byCommune.set(e.commune, []).get(e.commune)!).push(e);
  for (const [commune, events] of byCommune) {
    const keys = [...new Set(events.map((e) => e.residentKey))];
    for (let i = 0; i < keys.length; i += LATE_RESIDENTS) {
      const chunk = new Set(keys.slice(i, i + LATE_RESIDENTS));
      const residents = new Map((await residentsOf(db, commune, [...chunk])).map((r) => [r.key, r]));
      const columns: unknown[][] = DELTA_COLUMNS.map(() => []);
      for (const e of events) {
        const r = chunk.has(e.residentKey) ? residents.get(e.residentKey) : undefined;
        if (!r) continue;
        for (const row of rowsOf(commune, r, e.seq, e.recordedAt))
          DELTA_COLUMNS.forEach((c, n) => columns[n]!.push(row[c.name as keyof DeltaRow]));
      }
      await db.transaction().execute((trx) => copyInto(trx, `${schema}.a_delta`, DELTA_COLUMNS, columns));
    }
  }
}

/** Residents whose late events are computed together: one read of their facts per table. */
const LATE_RESIDENTS = 2000;

const DELTA_COLUMNS: CopyColumn[] = Object.entries(FACT_TABLES.a_delta.columns).map(([name, c]) => ({
  name,
  type: c.type as CopyType,
}));
