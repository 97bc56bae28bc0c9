/**
 * The trend chart's time axis: one short label per tick — the month, and the year where it changes
 * (`T1/2026`, `T4`, `T7` in Vietnamese; `Jan 2026`, `Apr`, `Jul` in English) — so that labels never
 * run into each other on a phone, whatever the language (full dates did, in English).
 */
export function monthTicks(ticks: readonly number[], language: string): string[] {
  const monthNames = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
  let lastYear: number | null = null;
  return ticks.map((ts) => {
    const d = new Date(ts * 1000 + 7 * 3600_000); // the day in Vietnam
    const [month, year] = [d.getUTCMonth() + 1, d.getUTCFullYear()];
    const withYear = year !== lastYear;
    lastYear = year;
    const name = language === 'en' ? monthNames.format(new Date(ts * 1000)) : `T${month}`;
    return withYear ? `${name}${language === 'en' ? ' ' : '/'}${year}` : name;
  });
}

/** Pixels between ticks on the time axis: room for the longest label (`Sep 2026`) and a gap. */
export const TICK_SPACE = 72;
