import { indicatorById } from '@cnscd/contracts';
import { sampleDays, targetFor } from './indicator-values';

describe('yearly targets', () => {
  const vneid = indicatorById('vneid')!;
  const streets = indicatorById('cashless-streets')!;

  it('follow the plan in 2025 and 2030 with straight-line milestones between', () => {
    expect([2024, 2025, 2026, 2028, 2030, 2031].map((y) => targetFor(vneid, '*', y, []))).toEqual([
      0.9, 0.9, 0.92, 0.96, 1, 1,
    ]);
  });

  it('step up in whole numbers for counts of streets', () => {
    expect([2025, 2026, 2029, 2030].map((y) => targetFor(streets, '*', y, []))).toEqual([1, 1, 1, 2]);
  });

  it('take a village’s own target first, then the commune’s, then the plan', () => {
    const targets = [
      { indicator: 'vneid', village: null, year: 2026, value: 0.8 },
      { indicator: 'vneid', village: 'thon-3', year: 2026, value: 0.6 },
    ];
    expect(targetFor(vneid, 'thon-3', 2026, targets)).toBe(0.6);
    expect(targetFor(vneid, 'thon-1', 2026, targets)).toBe(0.8);
    expect(targetFor(vneid, 'thon-1', 2027, targets)).toBe(0.94);
  });
});

describe('the days a series is reported on', () => {
  it('ends weeks on Sunday, months and quarters on their last day, and always includes the last day asked', () => {
    expect(sampleDays('2026-03-25', '2026-04-03', 'week')).toEqual(['2026-03-29', '2026-04-03']);
    expect(sampleDays('2026-01-15', '2026-04-10', 'month')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-10',
    ]);
    expect(sampleDays('2026-01-15', '2026-07-10', 'quarter')).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-07-10',
    ]);
  });
});
