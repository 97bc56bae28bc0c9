import { sql, type Kysely, type Transaction } from 'kysely';
import { COMMIT_WITHOUT_WAITING, copyInto, type CopyColumn, type CopyType } from '@cnscd/read-model';
import { columnsRead, FACT_TABLES } from '../../infrastructure/fact-tables';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { MerchantFacts, ResidentFacts } from '../engine/facts';
import { merchantsById, residentsByKey } from '../values/entity-facts';
import { addToTotals } from './running-totals';
import { merchantChanges } from './merchant-deltas';
import { countChanges, factsUpTo, indicatorsChangedBy, type CountChange } from './resident-deltas';

type Db = Kysely<FactsDatabase> | Transaction<FactsDatabase>;
type DeltaRow = FactsDatabase['a_delta'];

/** An event that is a fact of a resident or a merchant: its count changes are to be computed. */
export interface EntityEvent {
  readonly kind: 'resident' | 'merchant';
  readonly commune: string;
  /** The resident key or the merchant id. */
  readonly id: string;
  readonly seq: number;
  readonly recordedAt: string;
}

/** A fact row as the fact folds give it (`factsOf`). */
interface FactRowOf {
  readonly table: string;
  readonly row: Readonly<Record<string, unknown>>;
}

/** Whose fact an event's fact rows are: a resident's, a merchant's, or nobody's. */
export function entityOf(facts: readonly FactRowOf[]): Pick<EntityEvent, 'kind' | 'id'> | null {
  for (const f of facts) {
    if (f.table === 'f_residents' || f.table === 'f_residence' || f.table === 'f_adoption')
      return { kind: 'resident', id: f.row['resident_key'] as string };
    if (f.table === 'f_merchant_status' || f.table === 'f_onboarding')
      return { kind: 'merchant', id: f.row['merchant_id'] as string };
  }
  return null;
}

/** Entities named by (commune, id): their facts' rows are read for many communes at once. */
interface Named {
  readonly communes: readonly string[];
  readonly ids: readonly string[];
}
const keyOf = (commune: string, id: string) => `${commune}\u0000${id}`;

/** The rows of `table` of the entities named (`idColumn`: resident_key or merchant_id). */
function rowsOf<T extends keyof FactsDatabase>(db: Db, table: T, idColumn: string, named: Named) {
  return db
    .selectFrom(table as 'f_residence')
    .select(columnsRead(table) as never)
    .where(
      sql<boolean>`(commune, ${sql.ref(idColumn)}) in (select * from unnest(${[...named.communes]}::text[], ${[...named.ids]}::text[]))`,
    )
    .execute() as unknown as Promise<FactsDatabase[T][]>;
}

/** Rows split by commune. */
function byCommune<R extends { commune: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) (out.get(r.commune) ?? out.set(r.commune, []).get(r.commune)!).push(r);
  return out;
}

/** Per commune, the entities built from their rows, keyed by (commune, id). */
function keyedByCommune<F>(communes: Iterable<string>, build: (commune: string) => Map<string, F>) {
  const out = new Map<string, F>();
  for (const commune of communes) for (const [id, f] of build(commune)) out.set(keyOf(commune, id), f);
  return out;
}

/** How an entity's facts are read, and what one of its events changed. */
const KINDS = {
  resident: {
    load: async (db: Db, named: Named) => {
      const [people, homes, steps] = await Promise.all([
        rowsOf(db, 'f_residents', 'resident_key', named).then(byCommune),
        rowsOf(db, 'f_residence', 'resident_key', named).then(byCommune),
        rowsOf(db, 'f_adoption', 'resident_key', named).then(byCommune),
      ]);
      return keyedByCommune(people.keys(), (c) =>
        residentsByKey(people.get(c) ?? [], homes.get(c) ?? [], steps.get(c) ?? []),
      );
    },
    changes: (r: ResidentFacts, seq: number): CountChange[] =>
      countChanges(factsUpTo(r, seq, false), factsUpTo(r, seq, true), indicatorsChangedBy(r, seq)),
  },
  merchant: {
    load: async (db: Db, named: Named) => {
      const [status, onboarding] = await Promise.all([
        rowsOf(db, 'f_merchant_status', 'merchant_id', named).then(byCommune),
        rowsOf(db, 'f_onboarding', 'merchant_id', named).then(byCommune),
      ]);
      return keyedByCommune(new Set([...status.keys(), ...onboarding.keys()]), (c) =>
        merchantsById(status.get(c) ?? [], onboarding.get(c) ?? []),
      );
    },
    changes: (m: MerchantFacts, seq: number): CountChange[] => merchantChanges(m, seq),
  },
} as const;

/** Entities whose events are computed together: one read of their facts per table. */
const ENTITIES_AT_ONCE = 4000;

/**
 * The count changes of decision 0012 for each event given, from its entity's fact rows (already
 * written): what the entity adds to the counts with the facts recorded up to that event, minus what it
 * added before it. The live projection calls it for every batch, in the transaction that writes the
 * facts and the checkpoint (`live`: for the events whose facts that transaction added — a
 * redelivered event is left out before it comes here — and the changes are added to the running
 * totals); the rebuild for the events its
 * stream left for later (`rebuild`: each is read once, by COPY; the totals are filled at the end). The
 * next entities' facts are read while the current ones' changes are computed, and their changes
 * computed while the current ones' are written (at 1,000,000 events the rebuild's writes of late
 * changes took 2.0 of its 4.4 s, Node.js waiting on each).
 */
export async function writeCountChanges(
  db: Db,
  events: readonly EntityEvent[],
  how: { readonly live: string } | { readonly rebuild: string },
): Promise<void> {
  for (const kind of ['resident', 'merchant'] as const) {
    const own = events.filter((e) => e.kind === kind);
    const entities = [...new Map(own.map((e) => [keyOf(e.commune, e.id), e])).values()];
    const chunks: EntityEvent[][] = [];
    for (let i = 0; i < entities.length; i += ENTITIES_AT_ONCE)
      chunks.push(entities.slice(i, i + ENTITIES_AT_ONCE));
    const load = (chunk: readonly EntityEvent[]) =>
      KINDS[kind].load(db, { communes: chunk.map((e) => e.commune), ids: chunk.map((e) => e.id) });
    const eventsOf = new Map<string, EntityEvent[]>();
    for (const e of own) {
      const key = keyOf(e.commune, e.id);
      (eventsOf.get(key) ?? eventsOf.set(key, []).get(key)!).push(e);
    }
    let next = chunks.length > 0 ? load(chunks[0]!) : null;
    let writing: Promise<void> = Promise.resolve();
    for (let c = 0; c < chunks.length; c++) {
      const loaded = (await next!) as Map<string, never>;
      next = c + 1 < chunks.length ? load(chunks[c + 1]!) : null;
      // Awaited next round; if this round's write fails first, its failure is the one reported.
      next?.catch(() => undefined);
      const rows: DeltaRow[] = [];
      for (const entity of chunks[c]!) {
        const key = keyOf(entity.commune, entity.id);
        const facts = loaded.get(key);
        if (!facts) continue;
        for (const e of eventsOf.get(key)!)
          for (const change of KINDS[kind].changes(facts, e.seq))
            rows.push({ commune: e.commune, ...change, recorded_at: e.recordedAt, seq: e.seq });
      }
      // One write in flight: the previous one is done (or has failed) before this one starts.
      await writing;
      writing =
        'live' in how ? insertDeltas(db, how.live, rows) : copyDeltas(db, `${how.rebuild}.a_delta`, rows);
      writing.catch(() => undefined); // awaited next round or below
    }
    await writing;
  }
}

/**
 * The changes of events applied for the first time (the projection leaves out those whose facts were
 * there already: a redelivery), so a_delta needs no key of its own; each goes into the running totals.
 */
async function insertDeltas(db: Db, schema: string, rows: readonly DeltaRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await db.insertInto('a_delta').values(chunk).execute();
    await addToTotals(db, schema, chunk);
  }
}

const DELTA_COLUMNS: CopyColumn[] = Object.entries(FACT_TABLES.a_delta.columns).map(([name, c]) => ({
  name,
  type: c.type as CopyType,
}));

/**
 * The rebuild's late changes into its fresh a_delta. Committed without waiting for the disk, like the
 * fill's writes (`writeWithCheckpoint`): a rebuild that stops is started over, and the switch-over's
 * own commit flushes everything before it.
 */
async function copyDeltas(db: Db, table: string, rows: readonly DeltaRow[]): Promise<void> {
  const columns = DELTA_COLUMNS.map((c) => rows.map((r) => r[c.name as keyof DeltaRow]));
  const copy = (trx: Db) => copyInto(trx, table, DELTA_COLUMNS, columns);
  if (db.isTransaction) {
    await copy(db);
    return;
  }
  await (db as Kysely<FactsDatabase>).transaction().execute(async (trx) => {
    await COMMIT_WITHOUT_WAITING.execute(trx);
    await copy(trx);
  });
}
