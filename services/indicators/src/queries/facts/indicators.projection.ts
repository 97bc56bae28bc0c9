import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import { copyInto, type CopyColumn, type CopyType, type Projection } from '@cnscd/read-model';
import { vietnamDay } from '../engine/days';
import { BY_ENTITY_TABLES, FACT_TABLES, COPY_TABLES } from '../../infrastructure/fact-tables';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { FACT_FOLDS, factsOf } from './facts-of';
import { entityOf, writeCountChanges, type EntityEvent } from '../aggregate/write-deltas';

type Trx = Transaction<FactsDatabase>;

/**
 * A batch's facts, ready to write. The high-volume tables (`COLUMNS`) are gathered straight into one
 * array per column, the shape `unnest` takes: building a row object per fact by spreading the event's
 * common fields into it cost more than validation and fact derivation together (measured: 5 µs per
 * row). The small tables keep row objects.
 */
export interface FactRows {
  readonly columns: Map<keyof FactsDatabase, unknown[][]>;
  readonly rows: Map<keyof FactsDatabase, Record<string, unknown>[]>;
}

type Fact = ReturnType<typeof factsOf>[number];

export type { Fact };

/** A fact's value for a column: its own field, else the event's (commune, recorded_at, event_id, seq). */
function valueOf(column: string, f: Fact, e: RecordedEvent, seq: number): unknown {
  if (column in f.row) return f.row[column] ?? null;
  switch (column) {
    case 'commune':
      return e.stream.commune;
    case 'recorded_at':
      return e.recordedAt;
    case 'event_id':
      return f.table === 'f_work' ? e.eventId : `${e.eventId}${f.suffix ?? ''}`;
    case 'seq':
      return seq;
    default:
      return null;
  }
}

/** A small table's row: the fact's fields over the event's, as each table keys them. */
function rowOf(f: Fact, e: RecordedEvent, seq: number): Record<string, unknown> {
  const base = { commune: e.stream.commune, recorded_at: e.recordedAt };
  if (f.table === 'f_residents' || f.table === 'f_places') return { ...base, ...f.row };
  if (f.table === 'f_commune_names') return { commune: e.stream.commune, ...f.row };
  if (f.table === 'f_work') return { ...base, event_id: e.eventId, ...f.row };
  return { ...base, event_id: `${e.eventId}${f.suffix ?? ''}`, seq, ...f.row };
}

/** No rows yet: where a rebuild starts gathering the facts of several batches. */
export const noFactRows = (): FactRows => ({ columns: new Map(), rows: new Map() });

/**
 * The rows a batch of events adds, by table (pure, no I/O): the facts of every event that moves an
 * indicator (`factsOf`). The events have passed their contracts (the runner, or the rebuild, parks
 * the others first). Given `out`, adds them to rows already gathered (a rebuild writes several
 * batches at once).
 */
export function factRows(
  events: readonly RecordedEvent[],
  out: FactRows = noFactRows(),
  /** Sees each event's facts as they are gathered (the rebuild computes its count changes there). */
  observe?: (e: RecordedEvent, seq: number, facts: readonly Fact[]) => void,
): FactRows {
  const add = (table: keyof FactsDatabase, row: Record<string, unknown>) =>
    (out.rows.get(table) ?? out.rows.set(table, []).get(table)!).push(row);
  for (const e of events) {
    if (!FACT_FOLDS[e.stream.context]?.[e.type]) continue;
    const seq = e.position * 100 + e.index;
    const facts = factsOf(e, vietnamDay(e.occurredAt));
    observe?.(e, seq, facts);
    for (const f of facts) {
      const columns = COLUMNS[f.table];
      if (!columns) {
        add(f.table, rowOf(f, e, seq));
        continue;
      }
      let arrays = out.columns.get(f.table);
      if (!arrays) out.columns.set(f.table, (arrays = columns.map(() => [])));
      for (let i = 0; i < columns.length; i++) arrays[i]!.push(valueOf(columns[i]![0], f, e, seq));
    }
  }
  return out;
}

/**
 * Writes prepared rows into a schema; a fact written twice is ignored. Answers the `seq` of every
 * event whose resident's or merchant's facts it added (`BY_ENTITY_TABLES`): an event delivered again
 * is not among them, so its count changes are not added twice (a rebuild's bulk write, which reads
 * each event once, answers none). All the high-volume tables go in
 * one statement (one `INSERT … SELECT FROM unnest(…)` per table as data-modifying CTEs): one round trip
 * per batch instead of one per table.
 *
 * `bulk` is the rebuild's way into a fresh schema whose bulk tables have no key yet
 * (`createFactSchema(…, { indexes: false })`): those tables are loaded with a binary COPY, which
 * ignores nothing, so it is only for a fill that reads each event once.
 */
export async function writeFactRows(
  trx: Trx,
  schema: string,
  facts: FactRows,
  options: { bulk: boolean } = { bulk: false },
): Promise<ReadonlySet<number>> {
  let columns = facts.columns;
  if (options.bulk) {
    columns = new Map();
    for (const [table, arrays] of facts.columns) {
      if (!BULK_TABLES.has(table)) columns.set(table, arrays);
      else await copyInto(trx, `${schema}.${table}`, copyColumnsOf(table), arrays);
    }
  }
  const added = columns.size > 0 ? await insertColumns(trx, schema, columns) : new Set<number>();
  for (const [table, rows] of facts.rows) await insertRows(trx, table, rows);
  return added;
}

const BULK_TABLES = new Set<keyof FactsDatabase>(COPY_TABLES);
const copyColumnsOf = (table: keyof FactsDatabase): CopyColumn[] =>
  COLUMNS[table]!.map(([name, type]) => ({ name, type }));

/**
 * The facts projection into a schema: keyed rows, so applying an event twice writes nothing new. Its
 * runner parks what it cannot apply beside the facts, in the schema's own `parked_events`.
 */
export const indicatorsProjection = (schema: string): Projection<FactsDatabase> => ({
  name: 'indicators.facts',
  batchSize: 1000,
  apply: async (trx, events) => {
    // The facts, then the count changes of every resident's and merchant's event (decision 0012).
    const changed: EntityEvent[] = [];
    const facts = factRows(events, undefined, (e, seq, of) => {
      const entity = entityOf(of);
      if (entity) changed.push({ ...entity, commune: e.stream.commune, seq, recordedAt: e.recordedAt });
    });
    const added = await writeFactRows(trx, schema, facts);
    // Only the events whose facts are new: an event applied before already has its changes.
    const fresh = changed.filter((e) => added.has(e.seq));
    await writeCountChanges(trx, fresh, { live: schema });
  },
});

/** What makes a fact unique, by table (its definition in `fact-tables.ts`). */
const keyOf = (table: keyof FactsDatabase): readonly string[] => FACT_TABLES[table].key;

/**
 * The high-volume fact tables are written with one `INSERT … SELECT FROM unnest(…)`: one array
 * parameter per column instead of one parameter per value. Their columns, in order, with their types.
 */
const COLUMNS: Partial<Record<keyof FactsDatabase, readonly (readonly [string, CopyType])[]>> =
  Object.fromEntries(
    Object.entries(FACT_TABLES)
      .filter(([, t]) => t.write !== 'rows')
      .map(([name, t]) => [
        name,
        Object.entries(t.columns).map(([c, d]) => [c, d.type as CopyType] as const),
      ]),
  );

/** Small tables (and array-valued columns): plain multi-row inserts. */
async function insertRows(trx: Trx, table: keyof FactsDatabase, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 2000) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 2000) as never)
      .onConflict((oc) => oc.columns(keyOf(table) as never).doNothing())
      .execute();
  }
}

/**
 * The high-volume tables: one `INSERT … SELECT FROM unnest(…)` each, one array parameter per column.
 * Answers the `seq` of the entity facts inserted (those not there already).
 */
async function insertColumns(trx: Trx, schema: string, tables: FactRows['columns']): Promise<Set<number>> {
  const entityInserts: string[] = [];
  const inserts = [...tables].map(([table, arrays], n) => {
    const columns = COLUMNS[table]!;
    const names = sql.join(columns.map(([c]) => sql.ref(c)));
    const params = sql.join(columns.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`));
    const keys = sql.join(keyOf(table).map((k) => sql.ref(k)));
    const entity = ENTITY_TABLES.has(table);
    if (entity) entityInserts.push(`select seq from w${n}`);
    return sql`${sql.raw(`w${n}`)} as (insert into ${sql.table(`${schema}.${table}`)} (${names}) select * from unnest(${params}) on conflict (${keys}) do nothing${sql.raw(entity ? ' returning seq' : '')})`;
  });
  const added =
    entityInserts.length > 0 ? entityInserts.join(' union all ') : 'select null::bigint as seq where false';
  const { rows } = await sql<{ seq: string | number }>`with ${sql.join(inserts)} ${sql.raw(added)}`.execute(
    trx,
  );
  return new Set(rows.map((r) => Number(r.seq)));
}

/**
 * The tables keyed by the event (`seq`) that hold a resident's or merchant's facts. Every event with
 * such facts writes a row to one of them (a registration its first residence beside `f_residents`), so
 * whether that row was new tells whether the event was.
 */
const ENTITY_TABLES = new Set<keyof FactsDatabase>(BY_ENTITY_TABLES.map(([table]) => table));
