import type { Kysely } from 'kysely';
import { INDICATORS } from '@cnscd/contracts';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { countedSeries, denominatorOf } from '../aggregate/counted-series';
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
 * A commune's figures on every day of [from, to], as known at `knownAt` (or now). Residents and
 * merchants are counted by sums over the aggregate of decision 0012 (`countedSeries`); streets,
 * markets and the population estimates are small fact tables, through the engine. Nothing here reads
 * a resident's or a merchant's facts.
 */
export async function loadCommune(
  db: Kysely<FactsDatabase>,
  commune: string,
  range: { readonly from: string; readonly to: string },
  knownAt?: string,
): Promise<LoadedCommune> {
  const loaded = await loadFacts(db, commune, knownAt);
  const counted = await countedSeries(
    db,
    commune,
    range,
    loaded.facts.countedStage,
    loaded.register,
    knownAt,
  );
  const series = computeSeries(loaded.facts, range.from, range.to);
  const villages = new Set(loaded.villages);
  for (const def of INDICATORS.filter((d) => d.kind === 'residents' || d.kind === 'merchants')) {
    const numerators = counted.get(def.id) ?? new Map<string, Int32Array>();
    const denominators = def.kind === 'merchants' ? (counted.get(denominatorOf(def.id)) ?? new Map()) : null;
    series[def.id] = withCounts(series[def.id]!, numerators, denominators);
    for (const village of [...numerators.keys(), ...(denominators?.keys() ?? [])]) villages.add(village);
  }
  return { ...loaded, villages: [...villages].sort(), series, ...range };
}

/**
 * An indicator's series with what the aggregate counts in each village — residents, or merchants and
 * (`denominators`) open merchants — and the commune's sums. The villages listed are those with a count
 * on some day of the range or an estimate, as the sweep lists them.
 */
function withCounts(
  series: Readonly<Record<string, DailySeries>>,
  numerators: ReadonlyMap<string, Int32Array>,
  denominators: ReadonlyMap<string, Int32Array> | null,
): Record<string, DailySeries> {
  const n = series[COMMUNE]!.numerator.length;
  const zeros = () => new Int32Array(n);
  const out: Record<string, DailySeries> = { ...series };
  const total = zeros();
  const totalDenominator = denominators ? zeros() : series[COMMUNE]!.denominator;
  for (const village of new Set([...numerators.keys(), ...(denominators?.keys() ?? [])])) {
    const own = series[village];
    const numerator = numerators.get(village) ?? zeros();
    const denominator = denominators ? (denominators.get(village) ?? zeros()) : (own?.denominator ?? zeros());
    out[village] = {
      numerator,
      denominator,
      ...(denominators ? {} : { estimated: own?.estimated ?? zeros() }),
    };
    for (let i = 0; i < n; i++) {
      total[i]! += numerator[i]!;
      if (denominators) totalDenominator![i]! += denominator[i]!;
    }
  }
  out[COMMUNE] = { ...series[COMMUNE]!, numerator: total, denominator: totalDenominator };
  return out;
}
