/** Calendar days as 'YYYY-MM-DD' strings (Vietnam's calendar; the facts are already dated in it). */
const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export const addDays = (day: string, n: number): string =>
  new Date(toMs(day) + n * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / DAY_MS);

export function dayRange(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  return Array.from({ length: n + 1 }, (_, i) => addDays(from, i));
}

/** The calendar day in Vietnam (UTC+7 all year) of an instant. */
export const vietnamDay = (instant: string | Date): string =>
  new Date((instant instanceof Date ? instant.getTime() : Date.parse(instant)) + 7 * 3600_000)
    .toISOString()
    .slice(0, 10);
