import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { vietnamDay } from '../engine/days';
import { countKey, keyColumns, sameCount } from './count-key';
import type { CountChange } from './running-totals';

type Db = Kysely<FactsDatabase> | Transaction<FactsDatabase>;

/** What identifies a village's count, in a_village_total and a_village_recent alike. */
const KEY = countKey('a_village_recent');
const keyOf = (alias?: string) => keyColumns(KEY, alias);
const sameKey = (a: string, b: string) => sameCount(KEY, a, b);

/**
 * Copies into a_village_recent, for each count in `counts` (a query of `k(commune, indicator, level,
 * village)`), its running total's rows from the latest day up to today (in Vietnam, the day a
 * dashboard reads) on — or all of them, if every row is dated later — and drops the count's older
 * recent rows. Reads are right whatever suffix of the rows a count keeps (`countsOn`): today's date
 * only decides how few are kept, so a count not changed for a while keeps a longer suffix, and its
 * next change shortens it.
 */
async function refreshRecent(db: Db, schema: string, counts: RawBuilder<unknown>): Promise<void> {
  const [totals, recent] = [sql.table(`${schema}.a_village_total`), sql.table(`${schema}.a_village_recent`)];
  await sql`with k as (${counts}), f as (
      select k.*, coalesce((select t.day from ${totals} t where ${sameKey('t', 'k')} and t.day <= ${vietnamDay(new Date())}::date
        order by t.day desc limit 1), '-infinity'::date) as since
      from k
    ), copied as (
      insert into ${recent} (${keyOf()}, day, n)
      select t.commune, t.indicator, t.level, t.village, t.day, t.n
      from f join ${totals} t on ${sameKey('t', 'f')} and t.day >= f.since
      on conflict (${keyOf()}, day) do update set n = excluded.n
    )
    delete from ${recent} r using f where ${sameKey('r', 'f')} and r.day < f.since`.execute(db);
}

/** The recent rows of the counts just changed, in the projection's transaction (after `addToTotals`). */
export async function refreshRecentOf(
  db: Db,
  schema: string,
  changes: readonly CountChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await refreshRecent(
    db,
    schema,
    sql`select distinct * from unnest(${changes.map((c) => c.commune)}::text[],
      ${changes.map((c) => c.indicator)}::text[], ${changes.map((c) => c.level)}::text[],
      ${changes.map((c) => c.village)}::text[]) as c(${keyOf()})`,
  );
}
