import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import { IndicatorsEvents, MerchantsEvents, OutreachEvents, TrainingEvents } from '@cnscd/contracts';
import type { Projection } from '@cnscd/read-model';
import { vietnamDay } from '../engine/days';
import type { FactsDatabase } from '../infrastructure/read-model';
import { factsOf } from './facts-of';

type Trx = Transaction<FactsDatabase>;

const CONTRACTS: Record<
  string,
  Record<
    string,
    {
      schema: {
        safeParse(d: unknown): {
          success: boolean;
          error?: { issues: { path: PropertyKey[]; message: string }[] };
        };
      };
    }
  >
> = {
  outreach: OutreachEvents,
  merchants: MerchantsEvents,
  training: TrainingEvents,
  indicators: IndicatorsEvents,
};

export type FactRows = Map<keyof FactsDatabase, Record<string, unknown>[]>;

/**
 * The rows a batch of events adds, by table (pure, no I/O): facts of every event that moves an
 * indicator (`factsOf`), and a parked row for each event that does not match its contract.
 */
export function factRows(events: readonly RecordedEvent[]): FactRows {
  const rows: FactRows = new Map();
  const add = (table: keyof FactsDatabase, row: Record<string, unknown>) =>
    (rows.get(table) ?? rows.set(table, []).get(table)!).push(row);
  for (const e of events) {
    const contract = CONTRACTS[e.stream.context]?.[e.type];
    if (!contract) continue;
    const check = contract.schema.safeParse(e.data);
    if (!check.success) {
      const issue = check.error!.issues[0]!;
      const reason = `${issue.path.join('.') || '(data)'}: ${issue.message}`.slice(0, 500);
      add('parked_events', {
        event_id: e.eventId,
        position: e.position,
        type: e.type,
        context: e.stream.context,
        reason,
        recorded_at: e.recordedAt,
      });
      continue;
    }
    const base = { commune: e.stream.commune, recorded_at: e.recordedAt };
    const seq = e.position * 100 + e.index;
    for (const f of factsOf(e, vietnamDay(e.occurredAt))) {
      if (f.table === 'f_residents' || f.table === 'f_places') add(f.table, { ...base, ...f.row });
      else if (f.table === 'f_commune_names') add(f.table, { commune: e.stream.commune, ...f.row });
      else if (f.table === 'f_work') add(f.table, { ...base, event_id: e.eventId, ...f.row });
      else add(f.table, { ...base, event_id: `${e.eventId}${f.suffix ?? ''}`, seq, ...f.row });
    }
  }
  return rows;
}

/** Writes prepared rows into a schema; a fact written twice is ignored. */
export async function writeFactRows(trx: Trx, schema: string, rows: FactRows): Promise<void> {
  for (const [table, all] of rows) await insertAll(trx, schema, table, all);
}

/**
 * The facts projection into a schema: keyed rows, so applying an event twice writes nothing new; an
 * event that does not match its contract is parked with the reason (GET /v1/admin/parked), never fatal.
 */
export const indicatorsProjection = (schema: string): Projection<FactsDatabase> => ({
  name: 'indicators.facts',
  batchSize: 1000,
  apply: (trx, events) => writeFactRows(trx, schema, factRows(events)),
});

/**
 * The columns that make a fact unique: a fact written twice is ignored (idempotent redelivery). Facts
 * of one event per table are keyed by its position (`seq`): a number indexes much faster than an id.
 */
const KEYS: Record<keyof FactsDatabase, string[]> = {
  f_residents: ['commune', 'resident_key'],
  f_places: ['commune', 'place_id'],
  f_commune_names: ['commune'],
  f_work: ['event_id', 'village'],
  f_residence: ['seq'],
  f_adoption: ['seq'],
  f_merchant_status: ['seq'],
  f_onboarding: ['seq'],
  f_designation: ['seq'],
  f_denominator: ['seq'],
  f_counted_stage: ['seq'],
  f_target: ['seq'],
  f_report_notes: ['seq'],
  f_report_submission: ['seq'],
  parked_events: ['event_id'],
};

/**
 * The high-volume fact tables are written with one `INSERT … SELECT FROM unnest(…)`: one array
 * parameter per column instead of one parameter per value.
 */
const COLUMNS: Partial<Record<keyof FactsDatabase, readonly (readonly [string, string])[]>> = {
  f_residents: [
    ['commune', 'text'],
    ['resident_key', 'text'],
    ['birth_year', 'int'],
    ['recorded_at', 'timestamptz'],
  ],
  f_residence: [
    ['event_id', 'text'],
    ['commune', 'text'],
    ['resident_key', 'text'],
    ['village', 'text'],
    ['from_day', 'date'],
    ['recorded_at', 'timestamptz'],
    ['seq', 'bigint'],
  ],
  f_adoption: [
    ['event_id', 'text'],
    ['commune', 'text'],
    ['resident_key', 'text'],
    ['indicator', 'text'],
    ['stage', 'text'],
    ['delta', 'int'],
    ['on_day', 'date'],
    ['recorded_at', 'timestamptz'],
    ['seq', 'bigint'],
  ],
  f_merchant_status: [
    ['event_id', 'text'],
    ['commune', 'text'],
    ['merchant_id', 'text'],
    ['from_day', 'date'],
    ['open', 'boolean'],
    ['village', 'text'],
    ['recorded_at', 'timestamptz'],
    ['seq', 'bigint'],
  ],
  f_onboarding: [
    ['event_id', 'text'],
    ['commune', 'text'],
    ['merchant_id', 'text'],
    ['onboarding_id', 'text'],
    ['stage', 'text'],
    ['on_day', 'date'],
    ['recorded_at', 'timestamptz'],
    ['seq', 'bigint'],
  ],
  f_work: [
    ['event_id', 'text'],
    ['village', 'text'],
    ['commune', 'text'],
    ['kind', 'text'],
    ['on_day', 'date'],
    ['people', 'int'],
    ['recorded_at', 'timestamptz'],
  ],
};

async function insertAll(
  trx: Trx,
  schema: string,
  table: keyof FactsDatabase,
  rows: Record<string, unknown>[],
) {
  const columns = COLUMNS[table];
  if (!columns) {
    // Small tables (and array-valued columns): plain multi-row inserts.
    for (let i = 0; i < rows.length; i += 2000) {
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + 2000) as never)
        .onConflict((oc) => oc.columns(KEYS[table] as never).doNothing())
        .execute();
    }
    return;
  }
  const names = sql.join(columns.map(([c]) => sql.ref(c)));
  const arrays = sql.join(
    columns.map(([c, type]) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(type)}[]`),
  );
  const keys = sql.join(KEYS[table].map((k) => sql.ref(k)));
  await sql`insert into ${sql.table(`${schema}.${table}`)} (${names}) select * from unnest(${arrays}) on conflict (${keys}) do nothing`.execute(
    trx,
  );
}
