import type { Kysely } from 'kysely';
import { INDICATORS } from '@cnscd/contracts';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { residentNumerators } from '../aggregate/resident-series';
import { COMMUNE, computeSeries, type DailySeries, type SeriesByIndicator } from '../engine/series';
import { loadFacts, type LoadedFacts } from './load-facts';

/** A commune's figures over a range of days, as known then: what every read of the service answers from. */
export interface LoadedCommune extends LoadedFacts {
  /** Every indicator's numerator and denominator on each day of [from, to], per village and for `*`. */
  readonly series: SeriesByIndicator;
  readonly from: string;
  readonly to: string;
}

/**
 * A commune's figures on every day of [from, to], as known at `knownAt` (or now). The residents'
 * indicators are sums over the aggregate of decision 0012 (`residentNumerators`); merchants, streets,
 * markets and the population estimates are the small fact tables through the engine. Nothing here
 * reads a resident's facts.
 */
export async function loadCommune(
  db: Kysely<FactsDatabase>,
  commune: string,
  range: { readonly from: string; readonly to: string },
  knownAt?: string,
): Promise<LoadedCommune> {
  const loaded = await loadFacts(db, commune, knownAt);
  const numerators = await residentNumerators(
    db,
    commune,
    range,
    loaded.facts.countedStage,
    loaded.register,
    knownAt,
  );
  const series = computeSeries(loaded.facts, range.from, range.to);
  const villages = new Set(loaded.villages);
  for (const def of INDICATORS.filter((d) => d.kind === 'residents')) {
    const counted = numerators.get(def.id);
    if (counted) series[def.id] = withNumerators(series[def.id]!, counted);
    for (const village of counted?.keys() ?? []) villages.add(village);
  }
  return { ...loaded, villages: [...villages].sort(), series, ...range };
}

/** A residents' indicator's series with the residents counted in each village, and the commune's sum. */
function withNumerators(
  series: Readonly<Record<string, DailySeries>>,
  counted: ReadonlyMap<string, Int32Array>,
): Record<string, DailySeries> {
  const n = series[COMMUNE]!.numerator.length;
  const out: Record<string, DailySeries> = { ...series };
  const total = new Int32Array(n);
  for (const [village, numerator] of counted) {
    const own = series[village];
    out[village] = own
      ? { ...own, numerator }
      : { numerator, denominator: new Int32Array(n), estimated: new Int32Array(n) };
    for (let i = 0; i < n; i++) total[i]! += numerator[i]!;
  }
  out[COMMUNE] = { ...series[COMMUNE]!, numerator: total };
  return out;
}
