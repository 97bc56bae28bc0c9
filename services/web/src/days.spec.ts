import { formatDay, parseDay, recentQuarters, vietnamDayOf } from '../app/src/days';

describe('a day typed the Vietnamese way', () => {
  it('reads day, month, year with slashes, dashes or dots, with or without leading zeros', () => {
    expect(parseDay('30/06/2026')).toBe('2026-06-30');
    expect(parseDay('1-7-2026')).toBe('2026-07-01');
    expect(parseDay(' 31.12.2025 ')).toBe('2025-12-31');
  });

  it('refuses what is not a real day, and month-first dates that cannot be days', () => {
    expect(parseDay('31/02/2026')).toBeNull();
    expect(parseDay('06/30/2026')).toBeNull();
    expect(parseDay('2026-06-30')).toBeNull();
    expect(parseDay('30/06/26')).toBeNull();
  });

  it('writes an ISO day back as dd/MM/yyyy, and nothing as nothing', () => {
    expect(formatDay('2026-06-30')).toBe('30/06/2026');
    expect(formatDay('')).toBe('');
  });
});

describe('days in Vietnam', () => {
  it('puts an instant on the Vietnamese day it fell on (UTC+7)', () => {
    expect(vietnamDayOf('2026-11-26T16:59:59.000Z')).toBe('2026-11-26');
    expect(vietnamDayOf('2026-11-26T17:00:00.000Z')).toBe('2026-11-27');
  });
});

describe('the quarters a report screen offers', () => {
  afterEach(() => jest.useRealTimers());

  it('starts from the quarter Vietnam is in, which may already be next year’s', () => {
    jest.useFakeTimers().setSystemTime(new Date('2026-12-31T18:00:00Z')); // 01:00 on 1 January in Vietnam
    expect(recentQuarters(3)).toEqual(['2027-Q1', '2026-Q4', '2026-Q3']);
    jest.setSystemTime(new Date('2026-06-30T12:00:00Z'));
    expect(recentQuarters(2)).toEqual(['2026-Q2', '2026-Q1']);
  });
});
