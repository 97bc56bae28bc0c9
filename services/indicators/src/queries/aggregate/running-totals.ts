import { sql, type Kysely, type Transaction } from 'kysely';
import { primaryKey } from '../../infrastructure/fact-tables';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { countKey, keyColumns, sameCount } from './count-key';
import { EVERY_PAIR, pairsList } from './counted-pairs';
import { vietnamDay } from '../engine/days';
import { refreshRecentOf } from './recent-totals';

type Db = Kysely<FactsDatabase> | Transaction<FactsDatabase>;

/** A change to a count (a_delta's row without its recording). */
export interface CountChange {
  readonly commune: string;
  readonly indicator: string;
  readonly level: string;
  readonly village: string;
  readonly day: string;
  readonly delta: number;
}

/**
 * The running totals of decision 0012, each a_delta's running sum over the day axis as known now, a row
 * per day with a change: per commune (the province's roll-up) and per village (a commune's own reads).
 * Both are kept the same way; they differ only in what identifies a count.
 */
const RUNNING_TOTALS = ['a_total', 'a_village_total'] as const;

/**
 * Adds count changes just written to a_delta to both running totals, and the villages' to their recent
 * rows, in the projection's transaction (decision 0012).
 */
export async function addToTotals(db: Db, schema: string, changes: readonly CountChange[]): Promise<void> {
  if (changes.length === 0) return;
  for (const table of RUNNING_TOTALS) await addTo(db, `${schema}.${table}`, countKey(table), changes);
  await refreshRecentOf(db, schema, changes);
}

/**
 * First a row on each changed day that has none, holding the count just before it; then every row
 * from a change's day on gains the change. An on-time change touches the last row only; a late one
 * every later row of its count — one per day with a change since, a few hundred at most.
 */
async function addTo(db: Db, table: string, key: readonly string[], changes: readonly CountChange[]) {
  const totals = sql.table(table);
  const columns = (alias: string) => keyColumns(key, alias);
  const same = (a: string, b: string) => sameCount(key, a, b);
  const changed = sql`unnest(${changes.map((c) => c.commune)}::text[], ${changes.map((c) => c.indicator)}::text[],
    ${changes.map((c) => c.level)}::text[], ${changes.map((c) => c.village)}::text[],
    ${changes.map((c) => c.day)}::date[], ${changes.map((c) => c.delta)}::int[])
    as c(commune, indicator, level, village, day, delta)`;
  await sql`insert into ${totals} (${keyColumns(key)}, day, n)
    select distinct on (${columns('c')}, c.day) ${columns('c')}, c.day,
      coalesce((select t.n from ${totals} t where ${same('t', 'c')} and t.day < c.day
        order by t.day desc limit 1), 0)
    from ${changed}
    on conflict do nothing`.execute(db);
  await sql`update ${totals} t set n = t.n + s.delta
    from (select ${columns('t2')}, t2.day, sum(c.delta)::int as delta
      from ${changed}
      join ${totals} t2 on ${same('t2', 'c')} and t2.day >= c.day
      group by ${columns('t2')}, t2.day) s
    where ${same('t', 's')} and t.day = s.day`.execute(db);
}

/** The rebuild fills the totals in this many parts at once, each a share of the communes. */
const FILL_PARTS = 2;

/**
 * The rebuild's running totals, once every change is in: a_delta's net change per village and day,
 * run along the days per village (a_village_total) and, summed over the villages, per commune
 * (a_total). In `FILL_PARTS` statements at once on their own connections (PostgreSQL sorts in one
 * process per statement, and the rebuild's Node.js is idle meanwhile), each over its share of the
 * communes; the keys are built once the rows are in, as the bulk tables' are.
 */
export async function fillTotals(db: Kysely<FactsDatabase>, schema: string): Promise<void> {
  const table = (name: string) => sql.table(`${schema}.${name}`);
  for (const name of RUNNING_TOTALS)
    await sql`alter table ${table(name)} drop constraint ${sql.raw(`${name}_pkey`)}`.execute(db);
  const parts = Array.from({ length: FILL_PARTS }, (_, part) => part);
  // a_delta's last rows are in: the statistics the first reads after the switch plan with are taken
  // beside the fill, which only reads it.
  const deltaStatistics = sql`analyze ${table('a_delta')}`.execute(db);
  deltaStatistics.catch(() => undefined); // awaited below; a failed fill is the failure reported
  const today = vietnamDay(new Date());
  await Promise.all(
    parts.map((part) => db.transaction().execute((trx) => fillPart(trx, schema, part, today))),
  );
  // Each total's key, then its pages marked all-visible and its statistics, so that reads by the key —
  // which carries the count — need no page of the table (index-only scans; at 1,000,000 events a past
  // day's read of a commune fetched 82 pages of a_village_total without, 1 with). Autovacuum would mark
  // them later, and never where it is off. The keys side by side, each on its own connection, after
  // a_delta's statistics; the vacuums once every other statement of the rebuild is done
  // (`markAllVisible` says why).
  await deltaStatistics;
  await Promise.all([
    ...RUNNING_TOTALS.map((name) =>
      sql`alter table ${table(name)} add ${sql.raw(primaryKey(name))}`.execute(db),
    ),
    sql`analyze ${table('a_village_recent')}`.execute(db),
  ]);
  await markAllVisible(
    db,
    RUNNING_TOTALS.map((name) => `${schema}.${name}`),
  );
}

/**
 * Marks every page of tables just filled visible to all (and frozen), then takes their statistics: what
 * an index-only scan needs to skip a table. A vacuum marks a page only when every row on it is visible
 * to every transaction open in the database, and a transaction's snapshot counts as open from the
 * oldest transaction running anywhere on the server when it began — under CI's parallel suites, often
 * older than the rows just written. So the vacuums run with nothing else of the caller's open in the
 * database: side by side (a vacuum does not hold another one back), and the statistics only after both
 * (`analyze` takes a snapshot). Freezing makes a vacuum wait for a page another backend holds pinned (a
 * reader's scan, the checkpointer writing it) where a plain one would leave it unmarked; on a table
 * just filled it costs no more (850,000 rows: 230–340 ms either way). Until this ordering, CI's suites
 * three times left a page of a_total unmarked (`Heap Fetches: 1`).
 */
export async function markAllVisible(db: Db, tables: readonly string[]): Promise<void> {
  await Promise.all(tables.map((t) => sql`vacuum (freeze) ${sql.table(t)}`.execute(db)));
  await Promise.all(tables.map((t) => sql`analyze ${sql.table(t)}`.execute(db)));
}

/**
 * One share of the communes' totals, and of the villages' their recent rows (decision 0021): each row
 * whose next row, if any, comes after `today` — the row of the latest day up to today and those dated
 * later, found in the same window as the running sum (`lead`), so they cost no probe of their own — and
 * stored in the key's order, not the window's hashed one, so that a commune's lie together (a dashboard
 * read 132 pages of a_village_recent in the window's order, 5 in the key's, at 1,000,000 events). The
 * windows sort first by a hash of the count's key, so that most comparisons are of one integer rather
 * than four strings (the key follows, so a collision only costs a comparison); the sorts get the memory
 * to stay off disk.
 */
async function fillPart(trx: Transaction<FactsDatabase>, schema: string, part: number, today: string) {
  const table = (name: string) => sql.table(`${schema}.${name}`);
  // The planner cannot estimate the share's filter and would sort a_delta to group it; hashing it is
  // faster (sorts off). The windows still sort: nothing else gives them their order. Sorts off weigh
  // the plan at 10¹⁰, so wherever JIT is on PostgreSQL compiles it — 270 ms of a 540 ms statement at
  // 100,000 events — so it is off here whatever the connection says (`CONNECTION_OPTIONS`, decision 0020).
  await sql`select set_config('work_mem', '256MB', true), set_config('enable_sort', 'off', true),
    set_config('jit', 'off', true)`.execute(trx);
  await sql`with daily as materialized (
      select commune, indicator, level, village, day, sum(delta)::int as delta
      from ${table('a_delta')}
      where mod(hashtext(commune)::bigint + 2147483648, ${FILL_PARTS}) = ${part}
      group by commune, indicator, level, village, day
    ), runs as materialized (
      select commune, indicator, level, village, day, (sum(delta) over count_days)::int as n,
        lead(day) over count_days as next
      from daily
      window count_days as (partition by hashtextextended(concat_ws(' ', commune, indicator, level, village), 0),
        commune, indicator, level, village order by day)
    ), villages as (
      insert into ${table('a_village_total')} (commune, indicator, level, village, day, n)
      select commune, indicator, level, village, day, n from runs
    ), recent as (
      insert into ${table('a_village_recent')} (commune, indicator, level, village, day, n)
      select commune, indicator, level, village, day, n from runs where coalesce(next, 'infinity') > ${today}::date
      order by commune, indicator, level, village, day
    )
    insert into ${table('a_total')} (commune, indicator, level, day, n)
    select commune, indicator, level, day, (sum(sum(delta)) over (
      partition by hashtextextended(concat_ws(' ', commune, indicator, level), 0), commune, indicator, level
      order by day))::int
    from daily group by commune, indicator, level, day`.execute(trx);
}

/**
 * Every commune's counts on `date`, as known now: for each commune and each count the aggregate keeps
 * (`EVERY_PAIR`), its total's row of the latest day up to `date`. The communes are found by skipping
 * along a_total's key (one probe each), each count's row by one more: the rows read do not grow with
 * the events. (Until 2026-12-01 every (commune, indicator, level) was found by the skip, two probes
 * per count instead of one.)
 */
export async function totalsOn(
  db: Db,
  schema: string,
  date: string,
): Promise<{ commune: string; indicator: string; level: string; n: number }[]> {
  const totals = sql.table(`${schema}.a_total`);
  const { rows } = await sql<{ commune: string; indicator: string; level: string; n: number }>`
    with recursive c as (
      (select commune from ${totals} order by commune limit 1)
      union all
      select (select t.commune from ${totals} t where t.commune > c.commune order by t.commune limit 1)
      from c where c.commune is not null
    )
    select c.commune, p.indicator, p.level, v.n from c cross join ${pairsList(EVERY_PAIR)} cross join lateral (
      select t.n from ${totals} t
      where (t.commune, t.indicator, t.level) = (c.commune, p.indicator, p.level) and t.day <= ${date}::date
      order by t.day desc limit 1) v
    where c.commune is not null`.execute(db);
  return rows;
}
