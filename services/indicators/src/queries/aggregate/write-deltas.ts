import { sql, type Kysely, type Transaction } from 'kysely';
import { copyInto, type CopyColumn, type CopyType } from '@cnscd/read-model';
import { FACT_TABLES } from '../../infrastructure/fact-tables';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { MerchantFacts, ResidentFacts } from '../engine/facts';
import { merchantsById, residentsByKey } from '../values/entity-facts';
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

const anyOf = (ids: readonly string[]) => sql<string>`any(${[...ids]}::text[])`;

/** How an entity's facts are read, and what one of its events changed. */
const KINDS = {
  resident: {
    load: async (db: Db, commune: string, ids: readonly string[]) => {
      const of = <T extends 'f_residents' | 'f_residence' | 'f_adoption'>(table: T) =>
        db
          .selectFrom(table as 'f_residence')
          .selectAll()
          .where('commune', '=', commune)
          .where('resident_key', '=', anyOf(ids))
          .execute() as unknown as Promise<FactsDatabase[T][]>;
      const [people, homes, steps] = await Promise.all([
        of('f_residents'),
        of('f_residence'),
        of('f_adoption'),
      ]);
      return residentsByKey(people, homes, steps);
    },
    changes: (r: ResidentFacts, seq: number): CountChange[] =>
      countChanges(factsUpTo(r, seq, false), factsUpTo(r, seq, true), indicatorsChangedBy(r, seq)),
  },
  merchant: {
    load: async (db: Db, commune: string, ids: readonly string[]) => {
      const [status, onboarding] = await Promise.all([
        db
          .selectFrom('f_merchant_status')
          .selectAll()
          .where('commune', '=', commune)
          .where('merchant_id', '=', anyOf(ids))
          .execute(),
        db
          .selectFrom('f_onboarding')
          .selectAll()
          .where('commune', '=', commune)
          .where('merchant_id', '=', anyOf(ids))
          .execute(),
      ]);
      return merchantsById(status, onboarding);
    },
    changes: (m: MerchantFacts, seq: number): CountChange[] => merchantChanges(m, seq),
  },
} as const;

/** Entities whose events are computed together: one read of their facts per table. */
const ENTITIES_AT_ONCE = 2000;

/**
 * The count changes of decision 0012 for each event given, from its entity's fact rows (already
 * written): what the entity adds to the counts with the facts recorded up to that event, minus what it
 * added before it. The live projection calls it for every batch, in the transaction that writes the
 * facts and the checkpoint (`insert`: a redelivered batch writes nothing new, rows are keyed by the
 * event); the rebuild for the events its stream left for later (`copy`: each is read once).
 */
export async function writeCountChanges(
  db: Db,
  events: readonly EntityEvent[],
  how: { readonly copyInto: string } | 'insert' = 'insert',
): Promise<void> {
  const groups = new Map<string, EntityEvent[]>();
  for (const e of events) {
    const group = `${e.kind} ${e.commune}`;
    (groups.get(group) ?? groups.set(group, []).get(group)!).push(e);
  }
  for (const group of groups.values()) {
    const { kind, commune } = group[0]!;
    const ids = [...new Set(group.map((e) => e.id))];
    for (let i = 0; i < ids.length; i += ENTITIES_AT_ONCE) {
      const chunk = new Set(ids.slice(i, i + ENTITIES_AT_ONCE));
      const entities: Map<string, never> = (await KINDS[kind].load(db, commune, [...chunk])) as never;
      const rows: DeltaRow[] = [];
      for (const e of group) {
        const facts = chunk.has(e.id) ? entities.get(e.id) : undefined;
        if (!facts) continue;
        for (const c of KINDS[kind].changes(facts, e.seq))
          rows.push({ commune, ...c, recorded_at: e.recordedAt, seq: e.seq });
      }
      await (how === 'insert' ? insertDeltas(db, rows) : copyDeltas(db, how.copyInto, rows));
    }
  }
}

async function insertDeltas(db: Db, rows: readonly DeltaRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('a_delta')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.columns(['seq', 'indicator', 'level', 'village', 'day']).doNothing())
      .execute();
}

const DELTA_COLUMNS: CopyColumn[] = Object.entries(FACT_TABLES.a_delta.columns).map(([name, c]) => ({
  name,
  type: c.type as CopyType,
}));

async function copyDeltas(db: Db, table: string, rows: readonly DeltaRow[]): Promise<void> {
  const columns = DELTA_COLUMNS.map((c) => rows.map((r) => r[c.name as keyof DeltaRow]));
  const copy = (trx: Db) => copyInto(trx, table, DELTA_COLUMNS, columns);
  await (db.isTransaction ? copy(db) : (db as Kysely<FactsDatabase>).transaction().execute(copy));
}
