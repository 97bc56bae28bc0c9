/** Calendar days as 'YYYY-MM-DD' strings, in Vietnam's calendar (UTC+7 all year, no daylight saving). */
const DAY_MS = 86_400_000;

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

const nextDays = new Map<string, string>();
/** The day after a date; replay asks for the same few dates again and again. */
const nextDay = (day: string): string => {
  let next = nextDays.get(day);
  if (next === undefined) {
    if (nextDays.size > 4096) nextDays.clear();
    nextDays.set(day, (next = addDays(day, 1)));
  }
  return next;
};

/** The hour of `YYYY-MM-DDTHH:…Z` (an instant in UTC, as events carry it), or -1 for other forms. */
function utcHour(instant: string): number {
  if (instant.length < 20 || instant.charCodeAt(10) !== 84 || instant.charCodeAt(instant.length - 1) !== 90)
    return -1;
  const hour = (instant.charCodeAt(11) - 48) * 10 + (instant.charCodeAt(12) - 48);
  return hour >= 0 && hour < 24 ? hour : -1;
}

/**
 * The calendar day in Vietnam of an instant. UTC instants are read from the string (before 17:00 their
 * own date, from 17:00 the next), and instants written at +07:00 are their own date: every event is
 * dated on replay, and parsing and formatting a Date for each was a tenth of the indicators' rebuild.
 */
export const vietnamDay = (instant: string | Date): string => {
  if (typeof instant === 'string') {
    const hour = utcHour(instant);
    if (hour >= 0) return hour < 17 ? instant.slice(0, 10) : nextDay(instant.slice(0, 10));
    // Written in Vietnam's own offset (as partners and phones often send it): its date is the day.
    if (instant.length >= 25 && instant.charCodeAt(10) === 84 && instant.endsWith('+07:00'))
      return instant.slice(0, 10);
  }
  return new Date((instant instanceof Date ? instant.getTime() : Date.parse(instant)) + 7 * 3600_000)
    .toISOString()
    .slice(0, 10);
};
