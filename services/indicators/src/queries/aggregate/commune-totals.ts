import { sql, type Kysely, type Transaction } from 'kysely';
import type { FactsDatabase } from '../../infrastructure/read-model';

type Db = Kysely<FactsDatabase> | Transaction<FactsDatabase>;

/** A change to a commune's count (a_delta's row without its village and recording). */
export interface CommuneChange {
  readonly commune: string;
  readonly indicator: string;
  readonly level: string;
  readonly day: string;
  readonly delta: number;
}

/**
 * Adds count changes just written to a_delta to the communes' running totals (a_total), in the
 * projection's transaction. First a row on each changed day that has none, holding the count just
 * before it; then every row from a change's day on gains the change. An on-time change touches the
 * last row only; a late one every later row of its (commune, indicator, level) — one per day with a
 * change since, a few hundred at most.
 */
export async function addToTotals(db: Db, schema: string, changes: readonly CommuneChange[]): Promise<void> {
  if (changes.length === 0) return;
  const totals = sql.table(`${schema}.a_total`);
  const columns = {
    commune: changes.map((c) => c.commune),
    indicator: changes.map((c) => c.indicator),
    level: changes.map((c) => c.level),
    day: changes.map((c) => c.day),
    delta: changes.map((c) => c.delta),
  };
  const changed = sql`unnest(${columns.commune}::text[], ${columns.indicator}::text[], ${columns.level}::text[], ${columns.day}::date[], ${columns.delta}::int[]) as c(commune, indicator, level, day, delta)`;
  await sql`insert into ${totals} (commune, indicator, level, day, n)
    select distinct on (c.commune, c.indicator, c.level, c.day) c.commune, c.indicator, c.level, c.day,
      coalesce((select t.n from ${totals} t
        where (t.commune, t.indicator, t.level) = (c.commune, c.indicator, c.level) and t.day < c.day
        order by t.day desc limit 1), 0)
    from ${changed}
    on conflict do nothing`.execute(db);
  await sql`update ${totals} t set n = t.n + s.delta
    from (select t2.commune, t2.indicator, t2.level, t2.day, sum(c.delta)::int as delta
      from ${changed}
      join ${totals} t2 on (t2.commune, t2.indicator, t2.level) = (c.commune, c.indicator, c.level) and t2.day >= c.day
      group by 1, 2, 3, 4) s
    where (t.commune, t.indicator, t.level, t.day) = (s.commune, s.indicator, s.level, s.day)`.execute(db);
}

/** The rebuild's a_total: a_delta's running sums, per commune, once every change is in. */
export async function fillTotals(db: Db, schema: string): Promise<void> {
  await sql`insert into ${sql.table(`${schema}.a_total`)} (commune, indicator, level, day, n)
    select commune, indicator, level, day,
      (sum(sum(delta)) over (partition by commune, indicator, level order by day))::int
    from ${sql.table(`${schema}.a_delta`)} group by commune, indicator, level, day`.execute(db);
  await sql`analyze ${sql.table(`${schema}.a_total`)}`.execute(db);
}

/**
 * Every commune's counts on `date`, as known now: for each (commune, indicator, level), its total's row
 * of the latest day up to `date`. The (commune, indicator, level) are found by skipping along a_total's
 * key, one probe each, and their rows by one more probe each: the rows read do not grow with the events.
 */
export async function totalsOn(
  db: Db,
  schema: string,
  date: string,
): Promise<{ commune: string; indicator: string; level: string; n: number }[]> {
  const totals = sql.table(`${schema}.a_total`);
  const { rows } = await sql<{ commune: string; indicator: string; level: string; n: number }>`
    with recursive g as (
      (select commune, indicator, level from ${totals} order by commune, indicator, level limit 1)
      union all
      select x.commune, x.indicator, x.level from g cross join lateral (
        select t.commune, t.indicator, t.level from ${totals} t
        where (t.commune, t.indicator, t.level) > (g.commune, g.indicator, g.level)
        order by t.commune, t.indicator, t.level limit 1) x
    )
    select g.commune, g.indicator, g.level, v.n from g cross join lateral (
      select t.n from ${totals} t
      where (t.commune, t.indicator, t.level) = (g.commune, g.indicator, g.level) and t.day <= ${date}::date
      order by t.day desc limit 1) v`.execute(db);
  return rows;
}
