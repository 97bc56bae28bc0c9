import { addDays, daysBetween } from '../engine/days';
import { indexer } from '../engine/series';

/** The aggregate's days, as indices from here; a contribution still standing at `END` has no end yet. */
export const EPOCH = '2000-01-01';
export const END = daysBetween(EPOCH, '2100-01-01');
export const dayIndex = indexer(EPOCH, END);
const names: string[] = [];
/** The day at an index (each computed once: the axis is a few tens of thousands of days). */
export const dayOfIndex = (i: number): string =>
  i >= 0 && i <= END ? (names[i] ??= addDays(EPOCH, i)) : addDays(EPOCH, i);

/** Contributions keyed `part\0part\0…\0dayIndex`, counted +1 from an interval's start and −1 at its end. */
export type Contributions = Map<string, number>;

/** Adds an interval [from, to) of `key`'s contribution (nothing for an empty one). */
export function addInterval(out: Contributions, key: string, [from, to]: readonly [number, number]): void {
  if (from >= to) return;
  out.set(`${key}\u0000${from}`, (out.get(`${key}\u0000${from}`) ?? 0) + 1);
  if (to < END) out.set(`${key}\u0000${to}`, (out.get(`${key}\u0000${to}`) ?? 0) - 1);
}

/** What changed from `before` to `after`, as (key parts, day, delta), zeros left out. */
export function difference(after: Contributions, before: Contributions | null) {
  const diff = new Map(after);
  for (const [key, d] of before ?? []) diff.set(key, (diff.get(key) ?? 0) - d);
  const out: { parts: string[]; day: string; delta: number }[] = [];
  for (const [key, delta] of diff) {
    if (delta === 0) continue;
    const parts = key.split('\u0000');
    out.push({ parts, day: dayOfIndex(Number(parts.pop())), delta });
  }
  return out;
}
