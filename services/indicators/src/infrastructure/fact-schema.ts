import { sql, type Kysely } from 'kysely';
import { createParkingTable } from '@cnscd/read-model';
import {
  BY_COMMUNE_TABLES,
  BY_ENTITY_TABLES,
  FACT_TABLES,
  COPY_TABLES,
  createTableStatement,
  type FactTableName,
} from './fact-tables';

export { COPY_TABLES };

/**
 * Creates a fact schema's tables (idempotent). Its checkpoint table lives in it too, so a rebuild has its
 * own. A rebuild passes `indexes: false` and calls `createFactIndexes` once the rows are in: building an
 * index over finished tables is cheaper than keeping it up to date on every insert. Until then the
 * bulk tables have no key, so only the rebuild (which reads each event once) may write to them.
 */
export async function createFactSchema(
  db: Kysely<unknown>,
  schema: string,
  options: { indexes: boolean } = { indexes: true },
): Promise<void> {
  const s = (name: string) => sql.raw(`"${schema}".${name}`);
  const statements = [
    sql`create schema if not exists ${sql.raw(`"${schema}"`)}`,
    sql`create table if not exists ${s('read_model_checkpoints')} (projection text primary key, position bigint not null, updated_at timestamptz not null default now())`,
    ...(Object.keys(FACT_TABLES) as FactTableName[]).map((t) => sql.raw(createTableStatement(schema, t))),
  ];
  for (const statement of statements) await statement.execute(db);
  await replaceOldParkingTable(db, schema);
  await createParkingTable(db, schema);
  await dropEventIdColumns(db, schema);
  // Schemas made before 2026-12-01 kept a key on a_delta; nothing uses it now, and every insert kept it.
  await sql`drop index if exists ${s('a_delta_key')}`.execute(db);
  if (options.indexes) await createFactIndexes(db, schema);
}

/**
 * Schemas made before 2026-11-30 parked only contract mismatches, in a table of their own shape. Parked
 * events are derived like the facts: the old table goes, the shared one (parking.ts) takes its place,
 * and a rebuild parks again whatever still cannot be applied.
 */
async function replaceOldParkingTable(db: Kysely<unknown>, schema: string): Promise<void> {
  const { rows } = await sql`select 1 from information_schema.columns
    where table_schema = ${schema} and table_name = 'parked_events' and column_name = 'context'`.execute(db);
  if (rows.length > 0) await sql`drop table ${sql.raw(`"${schema}".parked_events`)}`.execute(db);
}

/**
 * Schemas made before 2026-11-27 also kept the event id on the bulk tables, which `seq` already names.
 * Dropped only where found: `alter table` locks the table even when there is nothing to drop.
 */
async function dropEventIdColumns(db: Kysely<unknown>, schema: string): Promise<void> {
  const { rows } = await sql<{ table: string }>`select table_name as table from information_schema.columns
    where table_schema = ${schema} and column_name = 'event_id' and table_name in (${sql.join([...COPY_TABLES])})`.execute(
    db,
  );
  for (const { table } of rows)
    await sql`alter table ${sql.raw(`"${schema}"."${table}"`)} drop column event_id`.execute(db);
}

/**
 * The bulk tables' keys (the live projection's `on conflict (seq)` needs them) and the secondary
 * indexes the queries use (idempotent). Fails if a bulk table holds one fact twice.
 */
export async function createFactIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
  const s = (name: string) => sql.raw(`"${schema}".${name}`);
  const keys = COPY_TABLES.filter((t) => FACT_TABLES[t].key.length > 0).map(
    (t) =>
      sql`create unique index if not exists ${sql.raw(`"${t}_key"`)} on ${s(t)} (${sql.raw(FACT_TABLES[t].key.join(', '))})`,
  );
  const byCommune = BY_COMMUNE_TABLES.map(
    (t) => sql`create index if not exists ${sql.raw(`"${t}_by_commune"`)} on ${s(t)} (commune, recorded_at)`,
  );
  const byEntity = BY_ENTITY_TABLES.map(
    ([t, column]) =>
      sql`create index if not exists ${sql.raw(`"${t}_by_entity"`)} on ${s(t)} (commune, ${sql.raw(column)})`,
  );
  // The aggregate's reads as known at K: one commune's changes at the level counted, recorded up to K
  // or after it (decision 0012) — and when its first and last were recorded.
  const counts = sql`create index if not exists a_delta_by_level on ${s('a_delta')} (commune, indicator, level, recorded_at) include (village, day, delta)`;
  // Statistics now, not when autovacuum comes by: the rebuild's next step reads residents by key — on
  // tables the planner thinks empty, it would scan them all (a_delta's come with the running totals',
  // once its last rows are in: `fillTotals`). ANALYZE needs no index, so each table's runs beside the
  // other tables' builds; listed last, it waits for its own table's (which may run side by side).
  const statistics = ['f_adoption', 'f_residence', 'f_residents'].map((t) => sql`analyze ${s(t)}`);
  // Built side by side, each on its own connection (PGlite, one session, takes them in turn).
  await Promise.all(
    [counts, ...keys, ...byCommune, ...byEntity, ...statistics].map((statement) => statement.execute(db)),
  );
}

export async function dropFactSchema(db: Kysely<unknown>, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.raw(`"${schema}"`)} cascade`.execute(db);
}

export const schemaName = (version: number) => `indicators_v${version}`;

/**
 * What a fact schema holds, by version: 2 added the residents' count changes (`a_delta`, decision 0012),
 * which a schema filled before cannot have; 3 the communes' running totals (`a_total`); 4 the villages'
 * (`a_village_total`); 5 the teams roster (`f_roster`); 6 the province's
 * decisions on filed reports (`f_report_review`); 7 the villages' recent totals (`a_village_recent`); 8
 * the running totals' keys carrying their counts (`keyIncludes`). A schema older than this is replaced
 * by a rebuild when the service starts (`FactsStore`).
 */
export const FACT_FORMAT = 8;

/** Records that a schema is (being) filled at today's format: a fresh one, made by a rebuild or a first start. */
export async function markFormat(db: Kysely<unknown>, schema: string): Promise<void> {
  await sql`create table if not exists ${sql.raw(`"${schema}".fact_format`)} (version int not null)`.execute(
    db,
  );
  await sql`delete from ${sql.raw(`"${schema}".fact_format`)}`.execute(db);
  await sql`insert into ${sql.raw(`"${schema}".fact_format`)} (version) values (${FACT_FORMAT})`.execute(db);
}

/** The format a schema was filled at; 1 for one made before formats were recorded. */
export async function formatOf(db: Kysely<unknown>, schema: string): Promise<number> {
  const table = `"${schema}".fact_format`;
  const exists = await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db);
  if (!exists.rows[0]?.t) return 1;
  const { rows } = await sql<{ version: number }>`select version from ${sql.raw(table)}`.execute(db);
  return rows[0]?.version ?? 1;
}
