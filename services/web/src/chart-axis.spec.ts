import { monthTicks } from '../app/src/chart-axis';

const at = (day: string) => Date.parse(`${day}T00:00:00+07:00`) / 1000;

describe('the trend chart’s time axis', () => {
  it('labels each tick with its month, and the year only where it changes', () => {
    const ticks = ['2025-10-01', '2026-01-01', '2026-04-01', '2026-07-01'].map(at);
    expect(monthTicks(ticks, 'vi')).toEqual(['T10/2025', 'T1/2026', 'T4', 'T7']);
    expect(monthTicks(ticks, 'en')).toEqual(['Oct 2025', 'Jan 2026', 'Apr', 'Jul']);
  });

  it('reads the month in Vietnam, where the first of the month starts seven hours before UTC', () => {
    expect(monthTicks([at('2026-06-01')], 'vi')).toEqual(['T6/2026']);
  });
});
