import { INDICATORS } from '@cnscd/contracts';
import { addDays, daysBetween } from '../engine/days';
import type { MerchantFacts } from '../engine/facts';
import { indexer, intersect, merchantIntervals, unionOf } from '../engine/series';
import type { CountChange } from './resident-deltas';

const EPOCH = '2000-01-01';
const END = daysBetween(EPOCH, '2100-01-01');
const idx = indexer(EPOCH, END);

const MERCHANTS = INDICATORS.find((def) => def.kind === 'merchants')!;

/** The level of the merchants' denominator: open merchants, whatever their onboarding. */
export const OPEN = 'open';

/**
 * What a merchant adds to the counts, as changes by day: to the denominator (`OPEN`) while open in a
 * village, and to the numerator at each level (a stage: an onboarding at that stage or above stands)
 * while also accepting QR payment — once, however many banks onboarded it. The same intervals as the
 * sweep (`merchantIntervals`). Pure.
 */
function contributions(m: MerchantFacts): Map<string, number> {
  const out = new Map<string, number>();
  const add = (level: string, village: string, [from, to]: readonly [number, number]) => {
    if (from >= to) return;
    const start = `${level}\u0000${village}\u0000${from}`;
    out.set(start, (out.get(start) ?? 0) + 1);
    if (to >= END) return;
    const end = `${level}\u0000${village}\u0000${to}`;
    out.set(end, (out.get(end) ?? 0) - 1);
  };
  const stages = MERCHANTS.stages ?? [];
  stages.forEach((level, i) => {
    const { periods, accepting } = merchantIntervals(m, stages.slice(i), idx, END);
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
  const diff = contributions(factsUpTo(m, seq, true));
  for (const [key, d] of contributions(factsUpTo(m, seq, false))) diff.set(key, (diff.get(key) ?? 0) - d);
  const out: CountChange[] = [];
  for (const [key, delta] of diff) {
    if (delta === 0) continue;
    const [level, village, day] = key.split('\u0000') as [string, string, string];
    out.push({ indicator: MERCHANTS.id, level, village, day: addDays(EPOCH, Number(day)), delta });
  }
  return out;
}
