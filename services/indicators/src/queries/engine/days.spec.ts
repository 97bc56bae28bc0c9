import { vietnamDay } from './days';

describe('vietnamDay: the calendar day in Vietnam (UTC+7) of an instant', () => {
  it('keeps the date of a UTC instant before 17:00', () => {
    expect(vietnamDay('2026-03-31T16:59:59.999Z')).toBe('2026-03-31');
  });

  it('moves a UTC instant from 17:00 on to the next day, across months and years', () => {
    expect(vietnamDay('2026-03-31T17:00:00.000Z')).toBe('2026-04-01');
    expect(vietnamDay('2026-12-31T23:30:00Z')).toBe('2027-01-01');
  });

  it('reads instants with an offset by their real time', () => {
    expect(vietnamDay('2026-03-31T23:30:00+07:00')).toBe('2026-03-31');
    expect(vietnamDay('2026-03-31T10:00:00-08:00')).toBe('2026-04-01');
  });

  it('takes a Date as well as a string', () => {
    expect(vietnamDay(new Date('2026-06-30T18:00:00Z'))).toBe('2026-07-01');
  });
});

describe('vietnamDay agrees with the calendar for every hour of a year', () => {
  it('matches a Date computed at UTC+7 for instants every 37 minutes through 2026 and into 2027', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let ms = start; ms < start + 400 * 86_400_000; ms += 37 * 60_000) {
      const expected = new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
      expect(vietnamDay(new Date(ms).toISOString())).toBe(expected);
      // The same instant written in Vietnam's own offset.
      const local = `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
      expect(vietnamDay(local)).toBe(expected);
    }
  });
});
