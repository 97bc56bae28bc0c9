import { INDICATORS } from '@cnscd/contracts';
import { addDays, daysBetween } from '../engine/days';
import type { ResidentFacts } from '../engine/facts';
import { indexer, residentIntervals } from '../engine/series';

/** Days are indexed from here; a contribution still standing at `END` has no end yet. */
const EPOCH = '2000-01-01';
const END = daysBetween(EPOCH, '2100-01-01');
const idx = indexer(EPOCH, END);

const RESIDENT_INDICATORS = INDICATORS.filter((def) => def.kind === 'residents');

/** One change of a count: from `day` on, (indicator, level, village) changes by `delta`. */
export interface CountChange {
  readonly indicator: string;
  readonly level: string;
  readonly village: string;
  readonly day: string;
  readonly delta: number;
}

/**
 * What a resident adds to the counts, as changes by day: +1 where a contribution starts, −1 where it
 * ends, for every resident indicator and every level (a stage: the resident counts at that level while
 * a stage at or above it stands, they live in the village, and they are old enough). The same intervals
 * as the sweep (`residentIntervals`), so the two cannot disagree. Pure.
 */
function contributions(r: ResidentFacts, indicators: readonly string[] | null): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: string, d: number) => out.set(key, (out.get(key) ?? 0) + d);
  for (const def of RESIDENT_INDICATORS) {
    if (indicators && !indicators.includes(def.id)) continue;
    const stages = def.stages ?? [];
    stages.forEach((level, i) => {
      for (const { village, interval } of residentIntervals(r, def, stages.slice(i), idx, END)) {
        const [from, to] = interval;
        if (from >= to) continue;
        add(`${def.id}\u0000${level}\u0000${village}\u0000${from}`, +1);
        if (to < END) add(`${def.id}\u0000${level}\u0000${village}\u0000${to}`, -1);
      }
    });
  }
  return out;
}

/**
 * The changes a resident's new facts make to the counts: what they add with the new facts (`after`)
 * minus what they added before (`before`, null for a resident not yet known). A late confirmation, a
 * retraction or a move yields exactly the days whose counts it changes. Pure.
 */
export function countChanges(
  before: ResidentFacts | null,
  after: ResidentFacts,
  /** The indicators the new facts can change (an adoption step changes its own only); null: all. */
  indicators: readonly string[] | null = null,
): CountChange[] {
  const diff = contributions(after, indicators);
  if (before)
    for (const [key, d] of contributions(before, indicators)) diff.set(key, (diff.get(key) ?? 0) - d);
  const out: CountChange[] = [];
  for (const [key, delta] of diff) {
    if (delta === 0) continue;
    const [indicator, level, village, day] = key.split('\u0000') as [string, string, string, string];
    out.push({ indicator, level, village, day: addDays(EPOCH, Number(day)), delta });
  }
  return out;
}

/** The indicators an event's facts can change: an adoption step its own; a registration or move all. */
export function indicatorsChangedBy(r: ResidentFacts, seq: number): readonly string[] | null {
  const steps = r.adoption.filter((a) => a.seq === seq);
  return steps.length > 0 && !r.residence.some((h) => h.seq === seq) ? steps.map((a) => a.indicator) : null;
}

/** A resident's facts as they stood once the event `seq` was recorded (its own facts included or not). */
export function factsUpTo(r: ResidentFacts, seq: number, inclusive: boolean): ResidentFacts {
  const keep = (s: number) => (inclusive ? s <= seq : s < seq);
  return {
    birthYear: r.birthYear,
    residence: r.residence.filter((h) => keep(h.seq)),
    adoption: r.adoption.filter((a) => keep(a.seq)),
  };
}
