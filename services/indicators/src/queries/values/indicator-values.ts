import { INDICATORS, villageNameOn, type IndicatorDefinition } from '@cnscd/contracts';
import { addDays, daysBetween } from '../engine/days';
import { COMMUNE, type DailySeries, type SeriesByIndicator } from '../engine/series';
import type { LoadedCommune } from './load-commune';
import type { LoadedFacts, TargetRow } from './load-facts';

/**
 * The target for a year: the commune's (or village's) own if set, else the plan's 2025 and 2030 targets
 * with the years between on a straight line (the yearly milestones; whole numbers for counts).
 */
export function targetFor(
  def: IndicatorDefinition,
  village: string,
  year: number,
  targets: readonly TargetRow[],
): number {
  const set = (y: number, v: string | null) =>
    targets.filter((t) => t.indicator === def.id && t.year === y && t.village === v).at(-1)?.value;
  const own = (village === COMMUNE ? undefined : set(year, village)) ?? set(year, null);
  if (own !== undefined) return own;
  const at2025 = set(2025, village === COMMUNE ? null : village) ?? set(2025, null) ?? def.targets[2025];
  const at2030 = set(2030, village === COMMUNE ? null : village) ?? set(2030, null) ?? def.targets[2030];
  if (year <= 2025) return at2025;
  if (year >= 2030) return at2030;
  const between = at2025 + ((at2030 - at2025) * (year - 2025)) / 5;
  // A count (streets, markets) steps up in whole numbers: the next one is due by 2030, not 0.2 of it a year.
  return def.kind === 'count' ? Math.floor(between) : Math.round(between * 10_000) / 10_000;
}

export interface IndicatorValue {
  readonly indicator: string;
  readonly village: string;
  readonly numerator: number;
  /** Null for counts, and for a village with no population estimate that day (`missing`). */
  readonly denominator: number | null;
  /** A share (0–1) for residents and merchants; the count for streets and markets. Null without a denominator. */
  readonly value: number | null;
  readonly target: number;
  /** How far from the target: target − value (positive: still to go). */
  readonly gap: number | null;
  /** `estimate`: a residents' indicator of a village with no population estimate that day. */
  readonly missing: 'estimate' | null;
}

/** A row of the values or the report: the value with the village's name that day. */
export interface VillageValue extends IndicatorValue {
  /** The village's name that day (null for the commune, `*`, and for a code the commune never registered). */
  readonly villageName: string | null;
  /**
   * On the commune's row of a residents' indicator: the villages counted without a population
   * estimate. The commune's figures are the sum of its villages' rows, these included.
   */
  readonly villagesWithoutEstimate?: readonly string[];
}

export function valueOf(
  def: IndicatorDefinition,
  series: SeriesByIndicator,
  village: string,
  from: string,
  day: string,
  targets: readonly TargetRow[],
): IndicatorValue {
  const target = targetFor(def, village, Number(day.slice(0, 4)), targets);
  return valueAt(def, series[def.id]?.[village], village, daysBetween(from, day), target);
}

/** `valueOf` on the `i`th day of a village's series, its target known (a series computes both once). */
function valueAt(
  def: IndicatorDefinition,
  s: DailySeries | undefined,
  village: string,
  i: number,
  target: number,
): IndicatorValue {
  const numerator = s ? s.numerator[i]! : 0;
  const missing = def.kind === 'residents' && village !== COMMUNE && !s?.estimated?.[i] ? 'estimate' : null;
  const denominator = def.kind === 'count' || missing ? null : s?.denominator ? s.denominator[i]! : 0;
  const value =
    def.kind === 'count'
      ? numerator
      : denominator
        ? Math.round((numerator / denominator) * 10_000) / 10_000
        : null;
  return {
    indicator: def.id,
    village,
    numerator,
    denominator,
    value,
    target,
    gap: value === null ? null : Math.round((target - value) * 10_000) / 10_000,
    missing,
  };
}

/**
 * The villages a day's figures list: every village in existence that day, and any other code with
 * something counted in it (a village split but not yet emptied, a code from before the register).
 */
export function villagesOn(
  loaded: LoadedFacts,
  series: SeriesByIndicator,
  from: string,
  day: string,
): string[] {
  const i = daysBetween(from, day);
  return loaded.villages.filter((code) => {
    const record = loaded.register.get(code);
    if (record && record.since <= day && (record.retiredOn === null || day < record.retiredOn)) return true;
    return Object.values(series).some((byVillage) => {
      const s = byVillage[code];
      return !!s && (s.numerator[i] !== 0 || (s.denominator?.[i] ?? 0) !== 0);
    });
  });
}

/** A village's name on a day; null for the commune and for a code the commune never registered. */
function nameOn(loaded: LoadedFacts, village: string, day: string): string | null {
  const record = loaded.register.get(village);
  return record ? villageNameOn(record, day) : null;
}

/** One indicator on one day: the commune's row, then each village's, named, the missing estimates said. */
export function rowsOn(
  def: IndicatorDefinition,
  loaded: LoadedFacts,
  series: SeriesByIndicator,
  villages: readonly string[],
  from: string,
  day: string,
): VillageValue[] {
  const rows = villages.map((v) => ({
    ...valueOf(def, series, v, from, day, loaded.targets),
    villageName: nameOn(loaded, v, day),
  }));
  const commune = valueOf(def, series, COMMUNE, from, day, loaded.targets);
  const without = rows.filter((r) => r.missing === 'estimate').map((r) => r.village);
  return [
    {
      ...commune,
      villageName: null,
      ...(def.kind === 'residents' ? { villagesWithoutEstimate: without } : {}),
    },
    ...rows,
  ];
}

/** Every indicator for the commune and each village on the last day loaded. */
export function valuesOn(loaded: LoadedCommune): VillageValue[] {
  const { series, from, to: day } = loaded;
  const villages = villagesOn(loaded, series, from, day);
  return INDICATORS.flatMap((def) => rowsOn(def, loaded, series, villages, from, day));
}

export type Grain = 'day' | 'week' | 'month' | 'quarter';

/** The days a series is reported on: every day, or the last day of each week (Sunday), month or quarter, and `to`. */
export function sampleDays(from: string, to: string, grain: Grain): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const next = addDays(d, 1);
    const end =
      grain === 'day' ||
      d === to ||
      (grain === 'week' && new Date(`${d}T00:00:00Z`).getUTCDay() === 0) ||
      (grain === 'month' && next.slice(5, 7) !== d.slice(5, 7)) ||
      (grain === 'quarter' &&
        next.slice(5, 7) !== d.slice(5, 7) &&
        ['03', '06', '09', '12'].includes(d.slice(5, 7)));
    if (end) days.push(d);
  }
  return days;
}

export interface SeriesPoint {
  readonly day: string;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly target: number;
}

export function seriesOf(
  loaded: LoadedCommune,
  indicators: readonly IndicatorDefinition[],
  villages: readonly string[],
  grain: Grain,
) {
  const { series, from, to } = loaded;
  const days = sampleDays(from, to, grain);
  // Each day's index and year once, and each year's target once per indicator and village.
  const at = days.map((day) => daysBetween(from, day));
  const years = days.map((day) => Number(day.slice(0, 4)));
  return indicators.flatMap((def) =>
    villages.map((village) => {
      const s = series[def.id]?.[village];
      const targets = new Map<number, number>();
      const targetIn = (year: number) =>
        targets.get(year) ?? targets.set(year, targetFor(def, village, year, loaded.targets)).get(year)!;
      return {
        indicator: def.id,
        village,
        villageName: nameOn(loaded, village, to),
        points: days.map((day, k): SeriesPoint => {
          const v = valueAt(def, s, village, at[k]!, targetIn(years[k]!));
          return {
            day,
            numerator: v.numerator,
            denominator: v.denominator,
            value: v.value,
            target: v.target,
          };
        }),
      };
    }),
  );
}
