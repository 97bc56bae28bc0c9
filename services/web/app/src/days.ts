/** Days as the commune writes them (dd/MM/yyyy), to and from ISO days. Pure: unit-tested. */

/** `30/06/2026`, `30-6-2026` or `30.06.2026` → `2026-06-30`; null if it is not a real day. */
export function parseDay(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
    ? date.toISOString().slice(0, 10)
    : null;
}
/** `2026-06-30` → `30/06/2026`: how the commune writes a day, in both languages. */
export const formatDay = (iso: string) => (iso ? iso.split('-').reverse().join('/') : '');

const VIETNAM_OFFSET_MS = 7 * 3600_000;
/** The day an instant (ISO) falls on in Vietnam (UTC+7). */
export const vietnamDayOf = (instant: string) =>
  new Date(Date.parse(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
/** Today in Vietnam. */
export const vietnamToday = () => new Date(Date.now() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** The quarter Vietnam is in today and the `count - 1` before it, newest first (`2026-Q4`, `2026-Q3`, …). */
export function recentQuarters(count = 6): string[] {
  const today = vietnamToday();
  const q = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  return Array.from({ length: count }, (_, i) => `${Math.floor((q - i) / 4)}-Q${((q - i) % 4) + 1}`);
}
