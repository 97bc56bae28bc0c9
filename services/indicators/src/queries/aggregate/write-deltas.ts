import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { ResidentFacts } from '../engine/facts';
import { countChanges, factsUpTo, indicatorsChangedBy } from './resident-deltas';

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
  readonly recordedAt: ReadonlyMap<number, string>;
}

/** Every resident of a commune named (or all, without `keys`), as their fact rows say. */
async function residentsOf(db: Db, commune: string, keys?: readonly string[]) {
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
  const out = new Map<
    string,
    KnownResident & {
      residence: ResidentFacts['residence'][number][];
      adoption: ResidentFacts['adoption'][number][];
      recordedAt: Map<number, string>;
    }
  >();
  for (const p of people)
    out.set(p.resident_key, { birthYear: p.birth_year, residence: [], adoption: [], recordedAt: new Map() });
  const at = (v: unknown) => new Date(v as string).toISOString();
  const day = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);
  for (const h of homes) {
    const r = out.get(h.resident_key);
    r?.residence.push({ village: h.village, from: day(h.from_day), seq: Number(h.seq) });
    r?.recordedAt.set(Number(h.seq), at(h.recorded_at));
  }
  for (const a of steps) {
    const r = out.get(a.resident_key);
    r?.adoption.push({
      indicator: a.indicator,
      stage: a.stage,
      delta: a.delta as 1 | -1,
      on: day(a.on_day),
      seq: Number(a.seq),
    });
    r?.recordedAt.set(Number(a.seq), at(a.recorded_at));
  }
  return out;
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
    const residents = await residentsOf(trx, commune, [...new Set(own.map(keyOf))]);
    for (const e of own) {
      const r = residents.get(keyOf(e));
      if (r)
        rows.push(...rowsOf(commune, r, e.position * 100 + e.index, new Date(e.recordedAt).toISOString()));
    }
  }
  await insertDeltas(trx, rows);
}

/**
 * The rebuild's part: once every fact is in, each resident's count changes, event by event in the order
 * they were recorded — the same rows the projection writes one batch at a time. One commune in memory
 * at a time.
 */
export async function fillResidentDeltas(db: Kysely<FactsDatabase>): Promise<void> {
  const communes = await db.selectFrom('f_residents').select('commune').distinct().execute();
  for (const { commune } of communes) {
    const rows: DeltaRow[] = [];
    for (const r of (await residentsOf(db, commune)).values())
      for (const seq of [...r.recordedAt.keys()].sort((a, b) => a - b))
        rows.push(...rowsOf(commune, r, seq, r.recordedAt.get(seq)!));
    await insertDeltas(db, rows);
  }
}
