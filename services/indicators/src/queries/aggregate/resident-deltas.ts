import { INDICATORS } from '@cnscd/contracts';
import type { ResidentFacts } from '../engine/facts';
import { residentIntervals } from '../engine/series';
import { addInterval, dayIndex, difference, END, type Contributions } from './day-axis';

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
function contributions(r: ResidentFacts, indicators: readonly string[] | null): Contributions {
  const out: Contributions = new Map();
  for (const def of RESIDENT_INDICATORS) {
    if (indicators && !indicators.includes(def.id)) continue;
    const stages = def.stages ?? [];
    stages.forEach((level, i) => {
      for (const { village, interval } of residentIntervals(r, def, stages.slice(i), dayIndex, END))
        addInterval(out, `${def.id}\u0000${level}\u0000${village}`, interval);
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
  const earlier = before ? contributions(before, indicators) : null;
  return difference(contributions(after, indicators), earlier).map(({ parts, day, delta }) => {
    const [indicator, level, village] = parts as [string, string, string];
    return { indicator, level, village, day, delta };
  });
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
