// Long: the pure indicator engine (intervals, accumulators, one series per kind of indicator); issue
// 16 replaces this sweep with an aggregate read model, so it is not split further now.
import { INDICATORS, type IndicatorDefinition } from '@cnscd/contracts';
import { daysBetween } from './days';
import type { Facts, MerchantFacts, ResidentFacts } from './facts';

/** `*` is the commune as a whole. */
export const COMMUNE = '*';

export interface DailySeries {
  readonly numerator: Int32Array;
  /** Null for plain counts (streets, markets). */
  readonly denominator: Int32Array | null;
  /** For residents' indicators: 1 on the days the village has a population estimate, 0 when it is missing. */
  readonly estimated?: Int32Array;
}

export type SeriesByIndicator = Record<string, Record<string, DailySeries>>;

export type Interval = [from: number, to: number];

/** Day index of a date within the range, clamped to [0, n]; `to` is exclusive. */
export const indexer = (from: string, n: number) => (day: string | undefined) =>
  day === undefined ? n : Math.min(n, Math.max(0, daysBetween(from, day)));

class Accumulator {
  private readonly diffs = new Map<string, Int32Array>();
  constructor(private readonly n: number) {}

  add(key: string, [a, b]: Interval, weight = 1): void {
    if (a >= b) return;
    let d = this.diffs.get(key);
    if (!d) this.diffs.set(key, (d = new Int32Array(this.n + 1)));
    d[a]! += weight;
    d[b]! -= weight;
  }

  series(key: string): Int32Array {
    const out = new Int32Array(this.n);
    const d = this.diffs.get(key);
    if (!d) return out;
    let running = 0;
    for (let i = 0; i < this.n; i++) out[i] = running += d[i]!;
    return out;
  }

  keys(): string[] {
    return [...this.diffs.keys()];
  }
}

export const intersect = ([a, b]: Interval, [c, d]: Interval): Interval => [Math.max(a, c), Math.min(b, d)];

/**
 * The order changes take effect in: by day, then by their place in the stream. By the day itself, not
 * its index in the range — every day before the range has index 0, and a change recorded later but
 * dated earlier must still come first.
 */
const byDayThenSeq = (a: string | undefined, aSeq: number, b: string | undefined, bSeq: number) =>
  a === b ? aSeq - bSeq : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1;

/** Intervals during which `isOn` holds, walking changes in (day, seq) order. */
function standing<E extends { on?: string; from?: string; seq: number }>(
  events: readonly E[],
  at: (e: E) => number,
  step: (e: E) => boolean,
  end: number,
): Interval[] {
  const sorted = [...events].sort((x, y) => byDayThenSeq(x.on ?? x.from, x.seq, y.on ?? y.from, y.seq));
  const out: Interval[] = [];
  let since: number | null = null;
  for (const e of sorted) {
    const on = step(e);
    if (on && since === null) since = at(e);
    if (!on && since !== null) {
      out.push([since, at(e)]);
      since = null;
    }
  }
  if (since !== null) out.push([since, end]);
  return out;
}

export function residentIntervals(
  r: ResidentFacts,
  def: IndicatorDefinition,
  counted: readonly string[],
  idx: (d?: string) => number,
  n: number,
) {
  const counts = new Map<string, number>();
  const events = r.adoption.filter((a) => a.indicator === def.id && counted.includes(a.stage));
  const stood = standing(
    events,
    (e) => idx(e.on),
    (e) => {
      counts.set(e.stage, (counts.get(e.stage) ?? 0) + e.delta);
      return [...counts.values()].some((c) => c > 0);
    },
    n,
  );
  const eligible: Interval = [idx(`${r.birthYear + def.minAge!}-01-01`), n];
  const homes = [...r.residence].sort((a, b) => byDayThenSeq(a.from, a.seq, b.from, b.seq));
  const out: { village: string; interval: Interval }[] = [];
  homes.forEach((home, i) => {
    const lives: Interval = [idx(home.from), i + 1 < homes.length ? idx(homes[i + 1]!.from) : n];
    for (const s of stood)
      out.push({ village: home.village, interval: intersect(intersect(s, eligible), lives) });
  });
  return out;
}

export function merchantIntervals(
  m: MerchantFacts,
  counted: readonly string[],
  idx: (d?: string) => number,
  n: number,
) {
  const status = [...m.status].sort((a, b) => byDayThenSeq(a.from, a.seq, b.from, b.seq));
  const periods: { village: string; open: boolean; interval: Interval }[] = [];
  let open = false;
  let village = '';
  status.forEach((s, i) => {
    open = s.open ?? open;
    village = s.village ?? village;
    periods.push({
      village,
      open,
      interval: [idx(s.from), i + 1 < status.length ? idx(status[i + 1]!.from) : n],
    });
  });
  const accepting = Object.values(m.onboardings).flatMap((events) =>
    standing(
      events,
      (e) => idx(e.on),
      (e) => counted.includes(e.stage),
      n,
    ),
  );
  return { periods: periods.filter((p) => p.open), accepting };
}

/**
 * The stage an indicator counts from (its level): the commune's counted stage as known then, else the
 * catalog's default; an unknown stage counts from the first. Stages at or above it count.
 */
export function levelOf(indicator: string, countedStage: Readonly<Record<string, string>>): string {
  const def = INDICATORS.find((d) => d.id === indicator)!;
  const stages = def.stages ?? [];
  const chosen = countedStage[indicator] ?? def.defaultStage ?? '';
  return stages.includes(chosen) ? chosen : (stages[0] ?? '');
}

/**
 * Every indicator's numerator and denominator on every day of [from, to], per village and for the
 * commune. Pure: the same facts always give the same series.
 */
export function computeSeries(facts: Facts, from: string, to: string): SeriesByIndicator {
  const n = daysBetween(from, to) + 1;
  const days: Days = { n, idx: indexer(from, n) };
  const result: SeriesByIndicator = {};
  for (const def of INDICATORS) {
    const stages = def.stages ?? [];
    const counted = stages.slice(stages.indexOf(levelOf(def.id, facts.countedStage)));
    result[def.id] =
      def.kind === 'residents'
        ? residentsSeries(facts, def, counted, days)
        : def.kind === 'merchants'
          ? merchantsSeries(facts, counted, days)
          : placesSeries(facts, def.id === 'cashless-streets' ? 'street' : 'market', days);
  }
  return result;
}

/** The days of a series: how many, and a day's index in it. */
interface Days {
  readonly n: number;
  readonly idx: (day?: string) => number;
}

/** Each village's series, and the commune's as their sum. */
function withCommune(
  n: number,
  acc: Accumulator,
  weights?: Accumulator,
  covered?: Accumulator,
): Record<string, DailySeries> {
  const out: Record<string, DailySeries> = {};
  const villages = new Set([...acc.keys(), ...(weights?.keys() ?? []), ...(covered?.keys() ?? [])]);
  const total = new Int32Array(n);
  const totalDen = weights ? new Int32Array(n) : null;
  for (const v of villages) {
    const num = acc.series(v);
    const den = weights ? weights.series(v) : null;
    out[v] = { numerator: num, denominator: den, ...(covered ? { estimated: covered.series(v) } : {}) };
    for (let i = 0; i < n; i++) {
      total[i]! += num[i]!;
      if (den) totalDen![i]! += den[i]!;
    }
  }
  out[COMMUNE] = { numerator: total, denominator: totalDen };
  return out;
}

/** Residents at the counted stage over the village's estimated population in the indicator's age band. */
function residentsSeries(
  facts: Facts,
  def: IndicatorDefinition,
  counted: readonly string[],
  { n, idx }: Days,
): Record<string, DailySeries> {
  const num = new Accumulator(n);
  for (const r of facts.residents)
    for (const { village, interval } of residentIntervals(r, def, counted, idx, n))
      num.add(village, interval);
  const den = new Accumulator(n);
  const covered = new Accumulator(n);
  const estimates = facts.denominators.filter((d) => d.band === def.ageBand);
  for (const village of new Set(estimates.map((e) => e.village))) {
    const own = estimates
      .filter((e) => e.village === village)
      .sort((a, b) => byDayThenSeq(a.from, a.seq, b.from, b.seq));
    own.forEach((e, i) => {
      if (e.ends) return;
      const interval: Interval = [idx(e.from), i + 1 < own.length ? idx(own[i + 1]!.from) : n];
      den.add(village, interval, e.count);
      covered.add(village, interval);
    });
  }
  return withCommune(n, num, den, covered);
}

/** Open merchants accepting QR payment at the counted stage, over open merchants. */
function merchantsSeries(
  facts: Facts,
  counted: readonly string[],
  { n, idx }: Days,
): Record<string, DailySeries> {
  const num = new Accumulator(n);
  const den = new Accumulator(n);
  for (const m of facts.merchants) {
    const { periods, accepting } = merchantIntervals(m, counted, idx, n);
    for (const p of periods) {
      den.add(p.village, p.interval);
      // Onboardings can overlap (two banks): count the merchant once per day.
      const covered = unionOf(accepting.map((a) => intersect(a, p.interval)));
      for (const c of covered) num.add(p.village, c);
    }
  }
  return withCommune(n, num, den);
}

/** Designated streets or markets: counts, no denominator; a place on several villages counts once for the commune. */
function placesSeries(
  facts: Facts,
  kind: 'street' | 'market',
  { n, idx }: Days,
): Record<string, DailySeries> {
  const num = new Accumulator(n);
  const total = new Accumulator(n);
  for (const p of facts.places.filter((pl) => pl.kind === kind)) {
    const designated = standing(
      p.designation,
      (e) => idx(e.from),
      (e) => e.designated,
      n,
    );
    for (const d of designated) {
      for (const v of p.villages) num.add(v, d);
      total.add(COMMUNE, d);
    }
  }
  const out = withCommune(n, num);
  out[COMMUNE] = { numerator: total.series(COMMUNE), denominator: null };
  return out;
}

export function unionOf(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
