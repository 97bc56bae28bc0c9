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

/** `YYYY-MM-DDTHH:…Z`: an instant in UTC as events carry it. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T(\d{2}):.*Z$/;

/**
 * The calendar day in Vietnam (UTC+7 all year) of an instant. A UTC instant before 17:00 falls on its
 * own date, read straight from the string: every event is dated this way on replay, and parsing and
 * formatting a Date for each was a tenth of the rebuild's time.
 */
export const vietnamDay = (instant: string | Date): string => {
  if (typeof instant === 'string') {
    const utc = UTC_INSTANT.exec(instant);
    if (utc && Number(utc[1]) < 17) return instant.slice(0, 10);
  }
  return new Date((instant instanceof Date ? instant.getTime() : Date.parse(instant)) + 7 * 3600_000)
    .toISOString()
    .slice(0, 10);
};
