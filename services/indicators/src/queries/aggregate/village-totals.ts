import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { Change } from './counted-series';
import { atPairs, pairsList, type Pair } from './counted-pairs';

/**
 * As known now, from the villages' running totals (a_village_total): each village's count on the
 * range's first day — its row of the latest day up to it, found by skipping along the key to each
 * (indicator, level, village) — and then the change at each later row in the range. The rows read are
 * two index probes per village and indicator, and one per day with a change in the range: they do not
 * grow with the commune's history.
 */
export async function changesKnownNow(
  db: Kysely<FactsDatabase>,
  commune: string,
  range: { readonly from: string; readonly to: string },
  pairs: readonly Pair[],
): Promise<Change[]> {
  const [before, within] = await Promise.all([
    countsOn(db, commune, pairs, range.from),
    db
      .selectFrom('a_village_total')
      .select(['indicator', 'level', 'village', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'n'])
      .where('commune', '=', commune)
      .where(atPairs(pairs))
      .where('day', '>', range.from)
      .where('day', '<=', range.to)
      .orderBy('day')
      .execute(),
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
 * Each village's count on `day` at each (indicator, level): its row of the latest day up to it. The
 * villages are found by skipping along the key from one to the next, one index probe each.
 */
function countsOn(db: Kysely<FactsDatabase>, commune: string, pairs: readonly Pair[], day: string) {
  return db
    .withRecursive('k(indicator, level, village)', (qc) =>
      qc
        .selectFrom(pairsList(pairs))
        // From before the first village (codes are never empty); this row itself has no count.
        .select(['p.indicator', 'p.level', sql<string>`''`.as('village')])
        .unionAll((eb) =>
          eb
            .selectFrom('k')
            .innerJoinLateral(
              (eb2) =>
                rowsOfK(eb2, commune)
                  .select('t.village')
                  .whereRef('t.village', '>', 'k.village')
                  .orderBy('t.village')
                  .limit(1)
                  .as('x'),
              (join) => join.onTrue(),
            )
            .select(['k.indicator', 'k.level', 'x.village']),
        ),
    )
    .selectFrom('k')
    .innerJoinLateral(
      (eb) =>
        rowsOfK(eb, commune)
          .select('t.n')
          .whereRef('t.village', '=', 'k.village')
          .where('t.day', '<=', day)
          .orderBy('t.day', 'desc')
          .limit(1)
          .as('v'),
      (join) => join.onTrue(),
    )
    .select(['k.indicator', 'k.level', 'k.village', 'v.n'])
    .execute();
}

/** The commune's rows of a_village_total at the (indicator, level) of the skip's current key `k`. */
const rowsOfK = (
  eb: ExpressionBuilder<FactsDatabase & { k: { indicator: string; level: string; village: string } }, 'k'>,
  commune: string,
) =>
  eb
    .selectFrom('a_village_total as t')
    .where('t.commune', '=', commune)
    .whereRef('t.indicator', '=', 'k.indicator')
    .whereRef('t.level', '=', 'k.level');
