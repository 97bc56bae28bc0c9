import { sql, type Kysely } from 'kysely';

/** The fact tables the generated history fills, and where unreadable events are parked. */
export const FILLED_TABLES = [
  'f_residents',
  'f_residence',
  'f_adoption',
  'f_merchant_status',
  'f_onboarding',
  'f_denominator',
  'f_village',
  'parked_events',
] as const;

/**
 * Every row of every filled table of a fact schema as JSON text, in a stable order, and the names of
 * its indexes: two schemas built from the same events by different paths must dump the same.
 */
export async function dumpFacts(db: Kysely<unknown>, schema: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of FILLED_TABLES) {
    const { rows } = await sql<{
      row: string;
    }>`select (to_jsonb(t) - 'parked_at')::text as row from ${sql.table(`${schema}.${t}`)} t order by 1`.execute(
      db,
    );
    out[t] = rows.map((r) => r.row);
  }
  // The residents' count changes: a rebuild may split a change the projection nets (+1 and −1 on one
  // day), never what any "as of D, as known at K" sums to.
  const changes = await sql<{
    row: string;
  }>`select concat_ws(' ', commune, indicator, level, village, day, recorded_at, sum(delta)) as row
    from ${sql.table(`${schema}.a_delta`)}
    group by commune, indicator, level, village, day, recorded_at having sum(delta) <> 0 order by 1`.execute(
    db,
  );
  out['a_delta (net changes)'] = changes.rows.map((r) => r.row);
  out['a_total, a_village_total (changes of count)'] = await totalsOf(db, schema);
  const { rows } = await sql<{
    name: string;
  }>`select tablename || '.' || indexname as name from pg_indexes where schemaname = ${schema} order by 1`.execute(
    db,
  );
  // Index names only: the rebuild builds its indexes after the rows, the queries need the same ones.
  out['(indexes)'] = rows.map((r) => r.name);
  return out;
}

/**
 * The running totals — the communes' and the villages' — without their redundant rows (a day whose count
 * equals the day before, where the projection and a rebuild may differ as they do for a_delta): what
 * every read sees.
 */
export async function totalsOf(db: Kysely<unknown>, schema: string): Promise<string[]> {
  const of = async (table: string, key: string) =>
    (
      await sql<{
        row: string;
      }>`select concat_ws(' ', ${sql.lit(table)}, ${sql.raw(key)}, day, n) as row from (
        select *, lag(n, 1, 0) over (partition by ${sql.raw(key)} order by day) as before
        from ${sql.table(`${schema}.${table}`)}) t
      where n <> before order by 1`.execute(db)
    ).rows.map((r) => r.row);
  return [
    ...(await of('a_total', 'commune, indicator, level')),
    ...(await of('a_village_total', 'commune, indicator, level, village')),
  ];
}
