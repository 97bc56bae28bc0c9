/** Calendar days as 'YYYY-MM-DD' strings (Vietnam's calendar; the facts are already dated in it). */
import { addDays } from '@cnscd/contracts';

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

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
