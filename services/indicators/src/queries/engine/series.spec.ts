import { addDays, daysBetween } from './days';
import type { Facts, ResidentFacts } from './facts';
import { COMMUNE, computeSeries } from './series';

const FROM = '2026-01-01';
const TO = '2027-02-01';
let seq = 0;
const s = () => ++seq;
const resident = (
  birthYear: number,
  residence: [string, string][],
  adoption: [string, string, 1 | -1, string][],
): ResidentFacts => ({
  birthYear,
  residence: residence.map(([village, from]) => ({ village, from, seq: s() })),
  adoption: adoption.map(([indicator, stage, delta, on]) => ({ indicator, stage, delta, on, seq: s() })),
});

/**
 * A hand-computed commune: thon-1 has 10 residents aged 14+ (12 from July), 8 aged 18+.
 *   A (born 1990): guided → installed by the village team 20 Jan, VNeID activation confirmed by the
 *     police 1 Feb. Counts from 1 Feb.
 *   B (born 2013): activated 1 Mar 2026, but only turns 14 in 2027: counts from 1 Jan 2027.
 *   C (born 1980): activated 15 Feb, retracted 1 Apr: counts 15 Feb – 31 Mar.
 *   D (born 1985): activated 1 Mar, moves to thon-2 from 1 Jun: in thon-1 until 31 May, then thon-2.
 * Merchants of thon-1: M1 verified QR 1 Feb, closes 1 May; M2 no QR; M3 verified 1 Mar, active 1 Apr.
 * A street in thon-1 is designated on 15 Jun and the designation revoked on 1 Dec.
 */
const facts: Facts = {
  residents: [
    resident(
      1990,
      [['thon-1', '2026-01-05']],
      [
        ['vneid', 'installed', 1, '2026-01-20'],
        ['vneid', 'active', 1, '2026-02-01'],
      ],
    ),
    resident(2013, [['thon-1', '2026-01-05']], [['vneid', 'active', 1, '2026-03-01']]),
    resident(
      1980,
      [['thon-1', '2026-01-05']],
      [
        ['vneid', 'active', 1, '2026-02-15'],
        ['vneid', 'active', -1, '2026-04-01'],
      ],
    ),
    resident(
      1985,
      [
        ['thon-1', '2026-01-05'],
        ['thon-2', '2026-06-01'],
      ],
      [['vneid', 'active', 1, '2026-03-01']],
    ),
  ],
  merchants: [
    {
      status: [
        { from: '2025-01-01', seq: s(), open: true, village: 'thon-1' },
        { from: '2026-05-01', seq: s(), open: false },
      ],
      onboardings: {
        o1: [
          { on: '2026-01-10', seq: s(), stage: 'qr-issued' },
          { on: '2026-02-01', seq: s(), stage: 'qr-verified' },
        ],
      },
    },
    { status: [{ from: '2025-01-01', seq: s(), open: true, village: 'thon-1' }], onboardings: {} },
    {
      status: [{ from: '2025-06-01', seq: s(), open: true, village: 'thon-1' }],
      onboardings: {
        o3: [
          { on: '2026-03-01', seq: s(), stage: 'qr-verified' },
          { on: '2026-04-01', seq: s(), stage: 'active' },
        ],
      },
    },
  ],
  places: [
    {
      kind: 'street',
      villages: ['thon-1'],
      designation: [
        { from: '2026-06-15', seq: s(), designated: true },
        { from: '2026-12-01', seq: s(), designated: false },
      ],
    },
  ],
  denominators: [
    { village: 'thon-1', band: '14+', count: 10, from: '2026-01-01', seq: s() },
    { village: 'thon-1', band: '14+', count: 12, from: '2026-07-01', seq: s() },
    { village: 'thon-1', band: '18+', count: 8, from: '2026-01-01', seq: s() },
    { village: 'thon-2', band: '14+', count: 5, from: '2026-01-01', seq: s() },
  ],
  countedStage: {},
};

const series = computeSeries(facts, FROM, TO);
const at = (indicator: string, village: string, day: string) => {
  const d = series[indicator]![village]!;
  const i = daysBetween(FROM, day);
  return [d.numerator[i], d.denominator ? d.denominator[i] : null];
};

describe('indicator values over time, computed by hand', () => {
  it.each([
    ['2026-01-31', 0, 10],
    ['2026-02-01', 1, 10],
    ['2026-02-15', 2, 10],
    ['2026-03-01', 3, 10],
    ['2026-03-31', 3, 10],
    ['2026-04-01', 2, 10],
    ['2026-05-31', 2, 10],
    ['2026-06-01', 1, 10],
    ['2026-07-01', 1, 12],
    ['2027-01-01', 2, 12],
  ])('VNeID in thon-1 on %s: %i of %i residents aged 14+', (day, numerator, denominator) => {
    expect(at('vneid', 'thon-1', day)).toEqual([numerator, denominator]);
  });

  it('follows a resident who moves: thon-2 counts them from the move date, and the commune never double-counts', () => {
    expect(at('vneid', 'thon-2', '2026-05-31')).toEqual([0, 5]);
    expect(at('vneid', 'thon-2', '2026-06-01')).toEqual([1, 5]);
    expect(at('vneid', COMMUNE, '2026-06-01')).toEqual([2, 15]);
    expect(at('vneid', COMMUNE, '2026-07-01')).toEqual([2, 17]);
  });

  it('counts merchants with a verified QR among open merchants; a closed merchant leaves both', () => {
    expect(at('merchants-qr', 'thon-1', '2026-01-31')).toEqual([0, 3]);
    expect(at('merchants-qr', 'thon-1', '2026-02-01')).toEqual([1, 3]);
    expect(at('merchants-qr', 'thon-1', '2026-03-01')).toEqual([2, 3]);
    expect(at('merchants-qr', 'thon-1', '2026-04-30')).toEqual([2, 3]);
    expect(at('merchants-qr', 'thon-1', '2026-05-01')).toEqual([1, 2]);
  });

  it('counts a designated street from its decision until the designation is revoked', () => {
    expect(at('cashless-streets', COMMUNE, '2026-06-14')).toEqual([0, null]);
    expect(at('cashless-streets', COMMUNE, '2026-06-15')).toEqual([1, null]);
    expect(at('cashless-streets', 'thon-1', '2026-11-30')).toEqual([1, null]);
    expect(at('cashless-streets', COMMUNE, '2026-12-01')).toEqual([0, null]);
  });

  it('recomputes the whole history when the commune changes which stage counts', () => {
    const installed = computeSeries({ ...facts, countedStage: { vneid: 'installed' } }, FROM, TO);
    const i = daysBetween(FROM, '2026-01-20');
    expect(installed['vneid']!['thon-1']!.numerator[i]).toBe(1);
    expect(series['vneid']!['thon-1']!.numerator[i]).toBe(0);
  });

  it('is the same whatever order the facts come in', () => {
    const shuffled: Facts = {
      ...facts,
      residents: [...facts.residents].reverse().map((r) => ({ ...r, adoption: [...r.adoption].reverse() })),
    };
    const again = computeSeries(shuffled, FROM, TO);
    expect(Array.from(again['vneid']!['thon-1']!.numerator)).toEqual(
      Array.from(series['vneid']!['thon-1']!.numerator),
    );
    expect(addDays(FROM, again['vneid']!['thon-1']!.numerator.length - 1)).toBe(TO);
  });

  it('counts a range that starts after its facts as the whole history does, when a later-recorded fact is dated earlier', () => {
    // Each pair's later-dated change was recorded first (lower seq): a range that starts after both
    // must still apply them by day, not by their place in the stream.
    const late: Facts = {
      residents: [
        {
          birthYear: 1990,
          residence: [{ village: 'thon-1', from: '2025-01-01', seq: 1 }],
          adoption: [
            { indicator: 'vneid', stage: 'active', delta: -1, on: '2026-02-05', seq: 10 },
            { indicator: 'vneid', stage: 'active', delta: 1, on: '2026-01-06', seq: 20 },
            { indicator: 'vneid', stage: 'active', delta: 1, on: '2026-02-20', seq: 21 },
          ],
        },
      ],
      merchants: [
        {
          status: [
            { from: '2026-02-05', seq: 29, open: false },
            { from: '2025-01-01', seq: 30, open: true, village: 'thon-1' },
          ],
          onboardings: { o1: [{ on: '2025-06-01', seq: 31, stage: 'qr-verified' }] },
        },
      ],
      places: [
        {
          kind: 'street',
          villages: ['thon-1'],
          designation: [
            { from: '2026-02-05', seq: 50, designated: false },
            { from: '2026-01-06', seq: 51, designated: true },
          ],
        },
      ],
      denominators: [
        { village: 'thon-1', band: '14+', count: 10, from: '2026-01-01', seq: 41 },
        { village: 'thon-1', band: '14+', count: 7, from: '2025-01-01', seq: 42 },
      ],
      countedStage: {},
    };
    const whole = computeSeries(late, '2025-01-01', '2026-12-31');
    const onDay = (all: typeof whole, i: number) =>
      Object.fromEntries(
        ['vneid', 'merchants-qr', 'cashless-streets'].map((id) => [
          id,
          // A village with nothing counted in the range is not listed: it counts 0 of 0.
          [all[id]!['thon-1']?.numerator[i] ?? 0, all[id]!['thon-1']?.denominator?.[i] ?? 0],
        ]),
      );
    const day = '2026-03-01';
    expect(onDay(computeSeries(late, day, day), 0)).toEqual(onDay(whole, daysBetween('2025-01-01', day)));
    // By hand: the resident counts again from 20 Feb, the merchant closed on 5 Feb, the street's
    // designation was revoked on 5 Feb, and 2026's estimate (10) replaced 2025's.
    expect(onDay(whole, daysBetween('2025-01-01', day))).toEqual({
      vneid: [1, 10],
      'merchants-qr': [0, 0],
      'cashless-streets': [0, 0],
    });
  });
});
