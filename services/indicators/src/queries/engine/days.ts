/** Calendar days as 'YYYY-MM-DD' strings (Vietnam's calendar; the facts are already dated in it). */
import { addDays } from '@cnscd/contracts';

const DAY_MS = 86_400_000;
const parsed = new Map<string, number>();
/** A day's first instant in ms (UTC). Series and count changes meet the same few thousand days again and again. */
function toMs(day: string): number {
  let ms = parsed.get(day);
  if (ms === undefined) {
    ms = Date.parse(`${day}T00:00:00Z`);
    if (parsed.size >= 50_000) parsed.clear();
    parsed.set(day, ms);
  }
  return ms;
}

export { addDays };
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY_MS);

export function dayRange(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  return Array.from({ length: n + 1 }, (_, i) => addDays(from, i));
}

export { vietnamDay } from '@cnscd/contracts';

/** The last instant of a Vietnamese day: "as known on D" means everything recorded by then. */
export const endOfDayInVietnam = (day: string) =>
  new Date(Date.parse(`${addDays(day, 1)}T00:00:00+07:00`) - 1).toISOString();
