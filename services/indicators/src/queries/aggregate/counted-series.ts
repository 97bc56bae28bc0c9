import type { Kysely } from 'kysely';
import type { VillageRegister } from '@cnscd/contracts';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { daysBetween } from '../engine/days';
import { piecesOf } from '../engine/merges';
import { levelOf } from '../engine/series';
import { OPEN } from './merchant-deltas';
import { COUNTED_DEFS, type Pair } from './counted-pairs';
import { changesKnownAt } from './known-at';
import { changesKnownNow } from './village-totals';

/** The indicators counted from the aggregate: residents' and merchants'. */

/**
 * Indicator → village → what is counted on each day of the range (merges applied): the residents or
 * merchants at the counted level under the indicator's id, and open merchants under `denominatorOf`.
 */
export type CountedSeries = Map<string, Map<string, Int32Array>>;

/** Where `CountedSeries` keeps an indicator's counted denominator (open merchants). */
export const denominatorOf = (indicator: string) => `${indicator}#${OPEN}`;

/**
 * What each residents' and merchants' indicator counts on every day of [from, to], per village, as
 * known at `knownAt` (or now): running sums of the aggregate's changes (decision 0012) at the level the
 * commune's counted stage names, and the open merchants. As known now they come from the villages'
 * running totals (`changesKnownNow`), as known at K from a sum of the changes (`changesKnownAt`); either
 * way what changed before `from` arrives summed into its first day — never a sweep of facts.
 *
 * A village merged into another counts there from the merger's day on (the register as known then),
 * as `withMerges` does for the sweep.
 */
export async function countedSeries(
  db: Kysely<FactsDatabase>,
  commune: string,
  range: { readonly from: string; readonly to: string },
  countedStage: Readonly<Record<string, string>>,
  register: VillageRegister,
  knownAt?: string,
): Promise<CountedSeries> {
  const pairs = COUNTED_DEFS.flatMap((def): Pair[] => [
    [def.id, levelOf(def.id, countedStage)],
    ...(def.kind === 'merchants' ? [[def.id, OPEN] as const] : []),
  ]);
  const rows = knownAt
    ? await changesKnownAt(db, commune, range, pairs, knownAt)
    : await changesKnownNow(db, commune, range, pairs);
  const n = daysBetween(range.from, range.to) + 1;
  const changes = new Map<string, Map<string, Int32Array>>();
  for (const r of rows) {
    const key = r.level === OPEN ? denominatorOf(r.indicator) : r.indicator;
    const byVillage = changes.get(key) ?? changes.set(key, new Map()).get(key)!;
    const own = byVillage.get(r.village) ?? byVillage.set(r.village, new Int32Array(n)).get(r.village)!;
    own[daysBetween(range.from, r.day)]! += r.n;
  }
  const into = new Map<string, readonly { readonly from: number; readonly village: string }[]>();
  const out: CountedSeries = new Map();
  for (const [indicator, byVillage] of changes) {
    // Only villages with someone counted on a day of the range, as the sweep lists them.
    const counted = new Map<string, Int32Array>();
    for (const [village, own] of byVillage) {
      const pieces =
        into.get(village) ?? into.set(village, mergedPieces(register, village, range.from)).get(village)!;
      let running = 0;
      let piece = 0;
      for (let i = 0; i < n; i++) {
        running += own[i]!;
        while (piece + 1 < pieces.length && pieces[piece + 1]!.from <= i) piece += 1;
        if (running === 0) continue;
        const target = pieces[piece]!.village;
        (counted.get(target) ?? counted.set(target, new Int32Array(n)).get(target)!)[i]! += running;
      }
    }
    out.set(indicator, counted);
  }
  return out;
}

/** `piecesOf` (the sweep's merge rule) with each piece's first day as an index into the range. */
const mergedPieces = (register: VillageRegister, village: string, from: string) =>
  piecesOf(register, village, from, undefined).map((p) => ({
    village: p.village,
    from: daysBetween(from, p.from),
  }));

/** A count's change on a day of the range (what changed before it, on its first day). */
export interface Change {
  readonly indicator: string;
  readonly level: string;
  readonly village: string;
  /** The first day of the range, for what changed before it. */
  readonly day: string;
  readonly n: number;
}
