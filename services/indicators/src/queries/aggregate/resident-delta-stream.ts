import { dayIndex, dayOfIndex } from './day-axis';
import { KeySlots } from './key-slots';
import { COUNTERS, DEF_OF, RESIDENT_DEFS, ResidentStates } from './resident-states';
import { Interned } from './typed-arrays';
import type { EntityEvent } from './write-deltas';

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
 * from that state alone, in a few operations. The same holds for a confirmation or retraction dated
 * after its own indicator's latest fact and the latest move, whatever other indicators did later
 * (`settledFrom`). A fact dated earlier (a late confirmation of the same indicator, a backdated move)
 * changes intervals in the past: it is listed in `late`, and its
 * changes are computed once the facts are in, from the resident's fact rows, by the same code as the
 * live projection (`writeCountChanges`). Both give the same sums; the rebuild test checks it.
 *
 * Memory: one small packed state per resident (`ResidentStates`) and their key (`KeySlots`), both in
 * typed arrays that the garbage collector does not mark; nothing per event: the late events go to
 * `late` as they are found.
 */
export class ResidentDeltaStream {
  private readonly slots = new KeySlots();
  private readonly communes = new Interned();
  private readonly states = new ResidentStates();
  private readonly villages = new Interned();
  private readonly indices = new Map<string, number>();
  private readonly dayOf: string[] = [];

  /** `late` receives the events whose changes are left for after the fill (`writeCountChanges`). */
  constructor(private readonly late: (event: EntityEvent) => void) {}

  /** The changes one event's fact makes, given to `emit`; or the event is handed to `late`. */
  apply(
    commune: string,
    residentKey: string,
    fact: ResidentFact,
    seq: number,
    recordedAt: string,
    emit: (change: StreamedChange) => void,
  ): void {
    const group = this.communes.indexOf(commune);
    const r = this.slots.get(group, residentKey);
    const day = this.index(fact.day);
    if (r < 0) {
      this.slots.set(group, residentKey, this.first(fact, day, seq));
      // A registration adds nothing until a stage is confirmed; anything else first is irregular.
      if (fact.kind !== 'registered')
        this.late({ kind: 'resident', commune, id: residentKey, seq, recordedAt });
      return;
    }
    const s = this.states;
    const onTime = !s.irregular[r] && fact.kind !== 'registered' && day >= this.settledFrom(r, fact);
    if (!onTime) this.late({ kind: 'resident', commune, id: residentKey, seq, recordedAt });
    if (fact.kind === 'step') this.step(r, fact, day, onTime ? emit : null);
    else this.home(r, fact.village, day, seq, onTime ? emit : null);
    if (day > s.lastDay[r]!) s.lastDay[r] = day;
  }

  /**
   * The first day from which the resident's state, as far as the fact can change it, is known to stand
   * unchanged: a fact dated on or after it changes the counts from its own day on only. A confirmation or
   * retraction moves its own indicator only, so other indicators' later facts do not make it late: only
   * its indicator's latest fact and the latest move do (a backlog of VNeID activations posted by the
   * police after the village team's later visits is on time). A move carries every indicator: every
   * fact counts.
   */
  private settledFrom(r: number, fact: ResidentFact): number {
    const s = this.states;
    const def = fact.kind === 'step' ? DEF_OF.get(fact.indicator) : undefined;
    if (!def) return s.lastDay[r]!;
    return Math.max(s.homeDay[r]!, s.stepDay[r * RESIDENT_DEFS.length + def.index]!);
  }

  private first(fact: ResidentFact, day: number, seq: number): number {
    const s = this.states;
    const r = s.add();
    s.birthYear[r] = fact.kind === 'registered' ? fact.birthYear : 0;
    s.village[r] = fact.kind === 'step' ? -1 : this.villages.indexOf(fact.village);
    s.homeDay[r] = fact.kind === 'step' ? -1 : day;
    s.homeSeq[r] = seq;
    s.lastDay[r] = day;
    s.irregular[r] = fact.kind !== 'registered' ? 1 : 0;
    if (fact.kind === 'step') this.step(r, fact, day, null);
    return r;
  }

  /** A stage confirmed or retracted: each level it turns on or off, from its day (or coming of age). */
  private step(
    r: number,
    fact: Extract<ResidentFact, { kind: 'step' }>,
    day: number,
    emit: ((change: StreamedChange) => void) | null,
  ): void {
    const def = DEF_OF.get(fact.indicator);
    const stage = def ? def.levels.indexOf(fact.stage) : -1;
    if (!def || stage < 0) return;
    const before = emit ? this.standing(r, def) : 0;
    this.states.counts[r * COUNTERS + def.offset + stage]! += fact.delta;
    const latest = r * RESIDENT_DEFS.length + def.index;
    if (day > this.states.stepDay[latest]!) this.states.stepDay[latest] = day;
    if (!emit) return;
    const after = this.standing(r, def);
    if (before === after) return;
    const from = this.dayName(Math.max(day, this.eligible(r, def)));
    const village = this.villages.valueAt(this.states.village[r]!) ?? '';
    for (let level = 0; level < def.levels.length; level++) {
      const was = (before >> level) & 1;
      const is = (after >> level) & 1;
      if (was !== is)
        emit({ indicator: def.id, level: def.levels[level]!, village, day: from, delta: is - was });
    }
  }

  /** A move (or a second registration): every level that stands goes with the resident, from its day. */
  private home(
    r: number,
    village: string,
    day: number,
    seq: number,
    emit: ((change: StreamedChange) => void) | null,
  ): void {
    const s = this.states;
    const latest = day > s.homeDay[r]! || (day === s.homeDay[r] && seq > s.homeSeq[r]!);
    const left = this.villages.valueAt(s.village[r]!) ?? '';
    if (latest) [s.village[r], s.homeDay[r], s.homeSeq[r]] = [this.villages.indexOf(village), day, seq];
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
  private standing(r: number, def: (typeof RESIDENT_DEFS)[number]): number {
    const counts = this.states.counts;
    const base = r * COUNTERS + def.offset;
    let bits = 0;
    let any = false;
    for (let level = def.levels.length - 1; level >= 0; level--) {
      any ||= counts[base + level]! > 0;
      if (any) bits |= 1 << level;
    }
    return bits;
  }

  private eligible(r: number, def: (typeof RESIDENT_DEFS)[number]): number {
    return this.index(`${this.states.birthYear[r]! + def.minAge}-01-01`);
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
