import { sql, type Kysely } from 'kysely';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { Change } from './counted-series';
import { atPairs, type Pair } from './counted-pairs';

/**
 * As known now, from the villages' running totals (a_village_total): each village's count on the
 * range's first day — its row of the latest day up to it (`countsOn`) — and then the change at each
 * later row in the range. The rows read are a few recent rows per village and indicator (and an index
 * probe each for a day in the past), and one per day with a change in the range: they do not grow with
 * the commune's history.
 */
export async function changesKnownNow(
  db: Kysely<FactsDatabase>,
  commune: string,
  range: { readonly from: string; readonly to: string },
  pairs: readonly Pair[],
): Promise<Change[]> {
  const [before, within] = await Promise.all([
    countsOn(db, commune, pairs, range.from),
    rowsWithin(db, commune, pairs, range),
  ]);
  // Each later row's change: its count less the count before it — the row before's, or for a count's
  // first row in the range, its count on `from`.
  const keyOf = (r: { indicator: string; level: string; village: string }) =>
    `${r.indicator}\u0000${r.level}\u0000${r.village}`;
  const counts = new Map(before.map((r) => [keyOf(r), r.n]));
  const changes: Change[] = before.map((r) => ({ ...r, day: range.from }));
  for (const r of within) {
    changes.push({ ...r, n: r.n - (counts.get(keyOf(r)) ?? 0) });
    counts.set(keyOf(r), r.n);
  }
  return changes;
}

/**
 * Each village's count on `day` at each (indicator, level): its running total's row of the latest day up
 * to it. The counts, and for most the row, come from a_village_recent — a few rows per count, whatever
 * the history — read in one scan; a count whose recent rows all come after `day` (a day in the past)
 * takes its row from a_village_total, by one index probe.
 */
async function countsOn(db: Kysely<FactsDatabase>, commune: string, pairs: readonly Pair[], day: string) {
  const recent = db
    .selectFrom('a_village_recent')
    .select([
      'indicator',
      'level',
      'village',
      sql<number | null>`(array_agg(n order by day desc) filter (where day <= ${day}::date))[1]`.as('n'),
    ])
    .where('commune', '=', commune)
    .where(atPairs(pairs))
    .groupBy(['indicator', 'level', 'village']);
  const rows = await db
    .selectFrom(recent.as('k'))
    .select((eb) => [
      'k.indicator',
      'k.level',
      'k.village',
      eb.fn
        .coalesce(
          'k.n',
          eb
            .selectFrom('a_village_total as t')
            .select('t.n')
            .where('t.commune', '=', commune)
            .whereRef('t.indicator', '=', 'k.indicator')
            .whereRef('t.level', '=', 'k.level')
            .whereRef('t.village', '=', 'k.village')
            .where('t.day', '<=', day)
            .orderBy('t.day', 'desc')
            .limit(1),
        )
        .as('n'),
    ])
    .execute();
  // A count with no row up to `day` is not counted yet.
  return rows.filter((r): r is typeof r & { n: number } => r.n !== null);
}

/**
 * The rows of each village's running total dated in (from, to], in day order: for each count (listed by
 * a_village_recent), one index range of its own — not the commune's every row at each (indicator,
 * level), which the day, after the village in the key, cannot narrow. A range of one day has none.
 */
async function rowsWithin(
  db: Kysely<FactsDatabase>,
  commune: string,
  pairs: readonly Pair[],
  range: { readonly from: string; readonly to: string },
) {
  if (range.from === range.to) return [];
  const counts = db
    .selectFrom('a_village_recent')
    .select(['indicator', 'level', 'village'])
    .distinct()
    .where('commune', '=', commune)
    .where(atPairs(pairs));
  return db
    .selectFrom(counts.as('k'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('a_village_total as t')
          .select([sql<string>`to_char(t.day, 'YYYY-MM-DD')`.as('day'), 't.n'])
          .where('t.commune', '=', commune)
          .whereRef('t.indicator', '=', 'k.indicator')
          .whereRef('t.level', '=', 'k.level')
          .whereRef('t.village', '=', 'k.village')
          .where('t.day', '>', range.from)
          .where('t.day', '<=', range.to)
          .as('t'),
      (join) => join.onTrue(),
    )
    .select(['k.indicator', 'k.level', 'k.village', 't.day', 't.n'])
    .orderBy('t.day')
    .execute();
}
