import { INDICATORS } from '@cnscd/contracts';
import { grown } from './typed-arrays';

/** The residents' indicators, each with where its stage counters start in a resident's `counts`. */
export const RESIDENT_DEFS = INDICATORS.filter((def) => def.kind === 'residents').reduce<
  { id: string; minAge: number; levels: readonly string[]; offset: number; index: number }[]
>((defs, def) => {
  const last = defs.at(-1);
  const offset = last ? last.offset + last.levels.length : 0;
  const levels = def.stages ?? [];
  return [...defs, { id: def.id, minAge: def.minAge ?? 0, levels, offset, index: defs.length }];
}, []);
export const COUNTERS = RESIDENT_DEFS.reduce((n, d) => n + d.levels.length, 0);
export const DEF_OF = new Map(RESIDENT_DEFS.map((d) => [d.id, d]));

/**
 * What the rebuild remembers of every resident between their events, packed in typed arrays by slot
 * (about 85 bytes each, where an object per resident took several hundred): enough to know what the
 * resident adds to the counts from their latest day on. Not their facts (those are in the fact tables).
 */
export class ResidentStates {
  private capacity = 0;
  count = 0;
  birthYear = new Int16Array(0);
  /** Where they live after every fact so far (the residence last by (day, seq)), as a village slot. */
  village = new Int32Array(0);
  homeDay = new Int32Array(0);
  homeSeq = new Float64Array(0);
  /** The latest day any of their facts took effect. */
  lastDay = new Int32Array(0);
  /** Per resident and indicator: the latest day of a confirmation or retraction of that indicator. */
  stepDay = new Int32Array(0);
  /** A history the shortcut does not cover (an adoption before registration): every event is late. */
  irregular = new Uint8Array(0);
  /** Per resident, indicator and stage: confirmations minus retractions, over every fact so far. */
  counts = new Int16Array(0);

  /** A new resident's slot, every field zero. */
  add(): number {
    if (this.count === this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    return this.count++;
  }

  private grow(capacity: number): void {
    this.birthYear = grown(this.birthYear, capacity);
    this.village = grown(this.village, capacity);
    this.homeDay = grown(this.homeDay, capacity);
    this.homeSeq = grown(this.homeSeq, capacity);
    this.lastDay = grown(this.lastDay, capacity);
    this.stepDay = grown(this.stepDay, capacity * RESIDENT_DEFS.length);
    this.irregular = grown(this.irregular, capacity);
    this.counts = grown(this.counts, capacity * COUNTERS);
    this.capacity = capacity;
  }
}
