import { sql, type Kysely } from 'kysely';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { Change } from './counted-series';

/** (indicator, level) pairs as a list a query selects from. */
export const pairsList = (pairs: readonly (readonly [string, string])[]) =>
  sql<{
    indicator: string;
    level: string;
  }>`(values ${sql.join(pairs.map(([indicator, level]) => sql`(${indicator}::text, ${level}::text)`))})`.as<'p'>(
    sql`p(indicator, level)`,
  );

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
  pairs: readonly (readonly [string, string])[],
): Promise<Change[]> {
  const levels = pairs.map(([indicator, level]) => sql`(${indicator}, ${level})`);
  const [before, within] = await Promise.all([
    countsOn(db, commune, pairs, range.from),
    db
      .selectFrom('a_village_total')
      .select(['indicator', 'level', 'village', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'n'])
      .where('commune', '=', commune)
      .where(sql<boolean>`(indicator, level) in (${sql.join(levels)})`)
      .where('day', '>', range.from)
      .where('day', '<=', range.to)
      .orderBy('day')
      .execute(),
  ]);
  // Each later row's change: its count less the count before it — the row before's, or for a count's
  // first row in the range, its count on `from`.
  const counts = new Map(before.map((r) => [`${r.indicator}\u0000${r.level}\u0000${r.village}`, r.n]));
  const changes: Change[] = before.map((r) => ({ ...r, day: range.from }));
  for (const r of within) {
    const key = `${r.indicator}\u0000${r.level}\u0000${r.village}`;
    changes.push({ ...r, n: r.n - (counts.get(key) ?? 0) });
    counts.set(key, r.n);
  }
  return changes;
}

/**
 * Each village's count on `day` at each (indicator, level): its row of the latest day up to it. The
 * villages are found by skipping along the key from one to the next, one index probe each.
 */
function countsOn(
  db: Kysely<FactsDatabase>,
  commune: string,
  pairs: readonly (readonly [string, string])[],
  day: string,
) {
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
                eb2
                  .selectFrom('a_village_total as t')
                  .select('t.village')
                  .where('t.commune', '=', commune)
                  .whereRef('t.indicator', '=', 'k.indicator')
                  .whereRef('t.level', '=', 'k.level')
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
        eb
          .selectFrom('a_village_total as t')
          .select('t.n')
          .where('t.commune', '=', commune)
          .whereRef('t.indicator', '=', 'k.indicator')
          .whereRef('t.level', '=', 'k.level')
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
