import { INDICATORS } from '@cnscd/contracts';
import type { MerchantFacts } from '../engine/facts';
import { intersect, merchantIntervals, unionOf } from '../engine/series';
import { addInterval, dayIndex, difference, END, type Contributions } from './day-axis';
import type { CountChange } from './resident-deltas';

const MERCHANTS = INDICATORS.find((def) => def.kind === 'merchants')!;

/** The level of the merchants' denominator: open merchants, whatever their onboarding. */
export const OPEN = 'open';

/**
 * What a merchant adds to the counts, as changes by day: to the denominator (`OPEN`) while open in a
 * village, and to the numerator at each level (a stage: an onboarding at that stage or above stands)
 * while also accepting QR payment — once, however many banks onboarded it. The same intervals as the
 * sweep (`merchantIntervals`). Pure.
 */
function contributions(m: MerchantFacts): Contributions {
  const out: Contributions = new Map();
  const add = (level: string, village: string, interval: readonly [number, number]) =>
    addInterval(out, `${level}\u0000${village}`, interval);
  const stages = MERCHANTS.stages ?? [];
  stages.forEach((level, i) => {
    const { periods, accepting } = merchantIntervals(m, stages.slice(i), dayIndex, END);
    for (const p of periods) {
      if (i === 0) add(OPEN, p.village, p.interval);
      for (const covered of unionOf(accepting.map((a) => intersect(a, p.interval))))
        add(level, p.village, covered);
    }
  });
  return out;
}

/** A merchant's facts as they stood once the event `seq` was recorded (its own facts included or not). */
function factsUpTo(m: MerchantFacts, seq: number, inclusive: boolean): MerchantFacts {
  const keep = (s: number) => (inclusive ? s <= seq : s < seq);
  return {
    status: m.status.filter((s) => keep(s.seq)),
    onboardings: Object.fromEntries(
      Object.entries(m.onboardings).map(([id, steps]) => [id, steps.filter((s) => keep(s.seq))]),
    ),
  };
}

/** The changes the event `seq` made to the merchants' counts, given the merchant's facts. Pure. */
export function merchantChanges(m: MerchantFacts, seq: number): CountChange[] {
  const before = contributions(factsUpTo(m, seq, false));
  return difference(contributions(factsUpTo(m, seq, true)), before).map(({ parts, day, delta }) => {
    const [level, village] = parts as [string, string];
    return { indicator: MERCHANTS.id, level, village, day, delta };
  });
}
