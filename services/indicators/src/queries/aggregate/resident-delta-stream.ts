import { INDICATORS } from '@cnscd/contracts';
import { dayIndex, dayOfIndex } from './day-axis';
import type { EntityEvent } from './write-deltas';

/** The residents' indicators, each with where its stage counters start in a resident's `counts`. */
const RESIDENT_DEFS = INDICATORS.filter((def) => def.kind === 'residents').reduce<
  { id: string; minAge: number; levels: readonly string[]; offset: number }[]
>((defs, def) => {
  const last = defs.at(-1);
  const offset = last ? last.offset + last.levels.length : 0;
  return [...defs, { id: def.id, minAge: def.minAge ?? 0, levels: def.stages ?? [], offset }];
}, []);
const COUNTERS = RESIDENT_DEFS.reduce((n, d) => n + d.levels.length, 0);
const DEF_OF = new Map(RESIDENT_DEFS.map((d) => [d.id, d]));

/**
 * What the rebuild remembers of a resident between their events: enough to know what the resident
 * adds to the counts from their latest day on. Not their facts (those are in the fact tables).
 */
interface ResidentState {
  birthYear: number;
  /** Where they live after every fact so far: the residence last by (day, seq). */
  village: string;
  homeDay: number;
  homeSeq: number;
  /** The latest day any of their facts took effect. */
  lastDay: number;
  /** Per indicator and stage: confirmations minus retractions, over every fact so far. */
  readonly counts: Int16Array;
  /** A history the shortcut does not cover (an adoption before registration): every event is late. */
  irregular: boolean;
}

/** The fact an event gave a resident, as the rebuild sees it. */
export type ResidentFact =
  | {
      readonly kind: 'registered';
      readonly birthYear: number;
      readonly village: string;
      readonly day: string;
    }
  | { readonly kind: 'moved'; readonly village: string; readonly day: string }
  | {
      readonly kind: 'step';
      readonly indicator: string;
      readonly stage: string;
      readonly delta: number;
      readonly day: string;
    };

/** A count change as the rebuild writes it (`a_delta`'s columns but `commune`, `recorded_at`, `seq`). */
export interface StreamedChange {
  readonly indicator: string;
  readonly level: string;
  readonly village: string;
  readonly day: string;
  readonly delta: number;
}

/**
 * The rebuild's way to the count changes of decision 0012 in one pass over the stream. Most facts
 * take effect on or after every earlier fact of their resident (a visit is recorded the day it
 * happens): such a fact changes what the resident adds to the counts only from its own day on, where
 * that contribution is fixed by the resident's state after all their facts — so its changes follow
 * from that state alone, in a few operations. A fact dated before the resident's latest day (a late
 * confirmation, a backdated move) changes intervals in the past: it is listed in `late`, and its
 * changes are computed once the facts are in, from the resident's fact rows, by the same code as the
 * live projection (`writeCountChanges`). Both give the same sums; the rebuild test checks it.
 *
 * Memory: one small state per resident (not per event).
 */
export class ResidentDeltaStream {
  private readonly communes = new Map<string, Map<string, ResidentState>>();
  private readonly indices = new Map<string, number>();
  private readonly dayOf: string[] = [];
  /** The events whose changes are left for after the fill (`writeCountChanges`). */
  readonly late: EntityEvent[] = [];

  /** The changes one event's fact makes, given to `emit`; or the event is listed as late. */
  apply(
    commune: string,
    residentKey: string,
    fact: ResidentFact,
    seq: number,
    recordedAt: string,
    emit: (change: StreamedChange) => void,
  ): void {
    let residents = this.communes.get(commune);
    if (!residents) this.communes.set(commune, (residents = new Map()));
    const r = residents.get(residentKey);
    const day = this.index(fact.day);
    if (!r) {
      residents.set(residentKey, this.first(fact, day, seq));
      // A registration adds nothing until a stage is confirmed; anything else first is irregular.
      if (fact.kind !== 'registered')
        this.late.push({ kind: 'resident', commune, id: residentKey, seq, recordedAt });
      return;
    }
    const onTime = !r.irregular && fact.kind !== 'registered' && day >= r.lastDay;
    if (!onTime) this.late.push({ kind: 'resident', commune, id: residentKey, seq, recordedAt });
    if (fact.kind === 'step') this.step(r, fact, day, onTime ? emit : null);
    else this.home(r, fact.village, day, seq, onTime ? emit : null);
    if (day > r.lastDay) r.lastDay = day;
  }

  private first(fact: ResidentFact, day: number, seq: number): ResidentState {
    const r: ResidentState = {
      birthYear: fact.kind === 'registered' ? fact.birthYear : Number.NaN,
      village: fact.kind === 'step' ? '' : fact.village,
      homeDay: fact.kind === 'step' ? -1 : day,
      homeSeq: seq,
      lastDay: day,
      counts: new Int16Array(COUNTERS),
      irregular: fact.kind !== 'registered',
    };
    if (fact.kind === 'step') this.step(r, fact, day, null);
    return r;
  }

  /** A stage confirmed or retracted: each level it turns on or off, from its day (or coming of age). */
  private step(
    r: ResidentState,
    fact: Extract<ResidentFact, { kind: 'step' }>,
    day: number,
    emit: ((change: StreamedChange) => void) | null,
  ): void {
    const def = DEF_OF.get(fact.indicator);
    const stage = def ? def.levels.indexOf(fact.stage) : -1;
    if (!def || stage < 0) return;
    const before = emit ? this.standing(r, def) : 0;
    r.counts[def.offset + stage]! += fact.delta;
    if (!emit) return;
    const after = this.standing(r, def);
    if (before === after) return;
    const from = this.dayName(Math.max(day, this.eligible(r, def)));
    for (let level = 0; level < def.levels.length; level++) {
      const was = (before >> level) & 1;
      const is = (after >> level) & 1;
      if (was !== is)
        emit({
          indicator: def.id,
          level: def.levels[level]!,
          village: r.village,
          day: from,
          delta: is - was,
        });
    }
  }

  /** A move (or a second registration): every level that stands goes with the resident, from its day. */
  private home(
    r: ResidentState,
    village: string,
    day: number,
    seq: number,
    emit: ((change: StreamedChange) => void) | null,
  ): void {
    const latest = day > r.homeDay || (day === r.homeDay && seq > r.homeSeq);
    const left = r.village;
    if (latest) [r.village, r.homeDay, r.homeSeq] = [village, day, seq];
    if (!emit || !latest || left === village) return;
    for (const def of RESIDENT_DEFS) {
      const stands = this.standing(r, def);
      if (stands === 0) continue;
      const from = this.dayName(Math.max(day, this.eligible(r, def)));
      for (let level = 0; level < def.levels.length; level++) {
        if (!((stands >> level) & 1)) continue;
        emit({ indicator: def.id, level: def.levels[level]!, village: left, day: from, delta: -1 });
        emit({ indicator: def.id, level: def.levels[level]!, village, day: from, delta: +1 });
      }
    }
  }

  /** Bit `level` set: a stage at or above that level stands (its confirmations outnumber its retractions). */
  private standing(r: ResidentState, def: (typeof RESIDENT_DEFS)[number]): number {
    let bits = 0;
    let any = false;
    for (let level = def.levels.length - 1; level >= 0; level--) {
      any ||= r.counts[def.offset + level]! > 0;
      if (any) bits |= 1 << level;
    }
    return bits;
  }

  private eligible(r: ResidentState, def: (typeof RESIDENT_DEFS)[number]): number {
    return this.index(`${r.birthYear + def.minAge}-01-01`);
  }

  /** Day strings are few and repeat: each is parsed once. */
  private index(day: string): number {
    let i = this.indices.get(day);
    if (i === undefined) {
      i = dayIndex(day);
      this.indices.set(day, i);
    }
    return i;
  }

  private dayName(i: number): string {
    return (this.dayOf[i] ??= dayOfIndex(i));
  }
}
