import { sql, type Kysely } from 'kysely';
import type { FactsDatabase } from '../../infrastructure/read-model';
import type { Change } from './counted-series';
import { atPairs, pairsList, type Pair } from './counted-pairs';
import { changesKnownNow } from './village-totals';

type Range = { readonly from: string; readonly to: string };

/**
 * As known at K, for each counted (indicator, level), from whichever side of K holds fewer of its
 * changes: the changes recorded up to K, summed; or the count as known now (the villages' running
 * totals) less the changes recorded after K. Which side is estimated from when the pair's first and
 * last changes were recorded (two index probes), as if recording were spread evenly between them; a
 * wrong guess costs time, never the answer. The rows read are those recorded on the smaller side of K,
 * by the index on recording time: at most half the commune's history, and none for an instant before
 * or after all of it.
 */
export async function changesKnownAt(
  db: Kysely<FactsDatabase>,
  commune: string,
  range: Range,
  pairs: readonly Pair[],
  knownAt: string,
): Promise<Change[]> {
  const at = Date.parse(knownAt);
  const spans = await recordingSpans(db, commune, pairs);
  const upToK: Pair[] = [];
  const backFromNow: Pair[] = [];
  for (const span of spans) {
    const pair: Pair = [span.indicator, span.level];
    const [first, last] = [new Date(span.first!).getTime(), new Date(span.last!).getTime()];
    (last - at < at - first ? backFromNow : upToK).push(pair);
  }
  const [before, now, after] = await Promise.all([
    sumChanges(db, commune, range, upToK, sql`recorded_at <= ${knownAt}`),
    backFromNow.length > 0 ? changesKnownNow(db, commune, range, backFromNow) : [],
    sumChanges(db, commune, range, backFromNow, sql`recorded_at > ${knownAt}`),
  ]);
  return [...before, ...now, ...after.map((r) => ({ ...r, n: -r.n }))];
}

/** For each pair with a change in the commune, when its first and last changes were recorded. */
async function recordingSpans(db: Kysely<FactsDatabase>, commune: string, pairs: readonly Pair[]) {
  const rows = await db
    .selectFrom(pairsList(pairs))
    .select((eb) => {
      const recorded = (direction: 'asc' | 'desc') =>
        eb
          .selectFrom('a_delta as d')
          .select('d.recorded_at')
          .where('d.commune', '=', commune)
          .whereRef('d.indicator', '=', 'p.indicator')
          .whereRef('d.level', '=', 'p.level')
          .orderBy('d.recorded_at', direction)
          .limit(1);
      return ['p.indicator', 'p.level', recorded('asc').as('first'), recorded('desc').as('last')];
    })
    .execute();
  return rows.filter((r) => r.first !== null);
}

/**
 * The commune's changes at `pairs` recorded as `recorded` says, on the days up to the range's end —
 * those before it summed into its first day: at most a row per pair, village and day of the range.
 */
async function sumChanges(
  db: Kysely<FactsDatabase>,
  commune: string,
  range: Range,
  pairs: readonly Pair[],
  recorded: ReturnType<typeof sql<boolean>>,
): Promise<Change[]> {
  if (pairs.length === 0) return [];
  const day = sql<string>`to_char(greatest(day, ${range.from}::date), 'YYYY-MM-DD')`;
  return db
    .selectFrom('a_delta')
    .select(['indicator', 'level', 'village', day.as('day'), sql<number>`sum(delta)::int`.as('n')])
    .where('commune', '=', commune)
    .where(atPairs(pairs))
    .where('day', '<=', range.to)
    .where(recorded)
    .groupBy(['indicator', 'level', 'village', sql`4`])
    .execute();
}
