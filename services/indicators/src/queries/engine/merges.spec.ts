import {
  emptyVillageRegister,
  withVillageEvent,
  type VillageEvent,
  type VillageRegister,
} from '@cnscd/contracts';
import type { LoadedFacts } from '../values/load-facts';
import { valuesOn } from '../values/indicator-values';
import type { Facts } from './facts';
import { withMerges } from './merges';
import { computeSeries } from './series';

const registered = (code: string, name: string): VillageEvent => ({
  type: 'VillageRegistered',
  data: { villageCode: code, name, effectiveDate: '2025-07-01' },
});
const registerOf = (...events: VillageEvent[]): VillageRegister =>
  events.reduce(withVillageEvent, emptyVillageRegister());
const retired = (code: string, successors: string[], on: string): VillageEvent => ({
  type: 'VillageRetired',
  data: { villageCode: code, successors, effectiveDate: on, reason: 'Nghị quyết của HĐND tỉnh' },
});

let seq = 0;
/** An adult of `village` since 2025-08-01 whose VNeID is active from 2025-09-01. */
const adultWithVneid = (village: string) => ({
  birthYear: 1980,
  residence: [{ village, from: '2025-08-01', seq: ++seq }],
  adoption: [{ indicator: 'vneid', stage: 'active', delta: 1 as const, on: '2025-09-01', seq: ++seq }],
});
const estimate = (village: string, count: number) => ({
  village,
  band: '14+',
  count,
  from: '2025-07-01',
  seq: ++seq,
});
const facts = (residents: Facts['residents'], denominators: Facts['denominators']): Facts => ({
  residents,
  merchants: [
    {
      status: [{ from: '2025-08-01', seq: ++seq, open: true, village: 'thon-2' }],
      onboardings: {},
    },
  ],
  places: [],
  denominators,
  countedStage: {},
});
const loaded = (f: Facts, register: VillageRegister): LoadedFacts => ({
  facts: withMerges(f, register),
  targets: [],
  villages: [
    ...new Set([...register.keys(), ...f.residents.flatMap((r) => r.residence.map((h) => h.village))]),
  ].sort(),
  register,
  communeName: null,
});
/** The values on one day, the engine's series computed from every fact (no aggregate here). */
const valuesOnDay = (l: LoadedFacts, day: string) =>
  valuesOn({ ...l, series: computeSeries(l.facts, day, day), from: day, to: day });
const vneid = (l: LoadedFacts, day: string) =>
  valuesOnDay(l, day)
    .filter((v) => v.indicator === 'vneid')
    .map((v) => ({
      village: v.village,
      name: v.villageName,
      numerator: v.numerator,
      denominator: v.denominator,
      missing: v.missing,
    }));

describe('the commune’s figures and its villages', () => {
  const base = registerOf(registered('thon-1', 'Thôn 1'), registered('thon-2', 'Thôn 2'));

  it('are the sum of the villages’ rows, and a village without an estimate is shown as missing, not dropped', () => {
    const l = loaded(
      facts([adultWithVneid('thon-1'), adultWithVneid('thon-2')], [estimate('thon-1', 10)]),
      base,
    );
    const rows = valuesOnDay(l, '2025-10-01').filter((v) => v.indicator === 'vneid');
    expect(rows.map((r) => [r.village, r.villageName, r.numerator, r.denominator, r.missing])).toEqual([
      ['*', null, 2, 10, null],
      ['thon-1', 'Thôn 1', 1, 10, null],
      ['thon-2', 'Thôn 2', 1, null, 'estimate'],
    ]);
    expect(rows[0]!.villagesWithoutEstimate).toEqual(['thon-2']);
  });

  it('count a merged village’s residents and merchants in the village it joined from the merger’s day', () => {
    const merged = registerOf(
      registered('thon-1', 'Thôn 1'),
      registered('thon-2', 'Thôn 2'),
      retired('thon-2', ['thon-1'], '2026-01-01'),
    );
    const l = loaded(
      facts(
        [adultWithVneid('thon-1'), adultWithVneid('thon-2')],
        [estimate('thon-1', 10), estimate('thon-2', 5)],
      ),
      merged,
    );
    expect(vneid(l, '2025-12-31')).toEqual([
      { village: '*', name: null, numerator: 2, denominator: 15, missing: null },
      { village: 'thon-1', name: 'Thôn 1', numerator: 1, denominator: 10, missing: null },
      { village: 'thon-2', name: 'Thôn 2', numerator: 1, denominator: 5, missing: null },
    ]);
    // thon-2 is gone: its resident counts in thon-1; its estimate ends (thon-1 needs a new one).
    expect(vneid(l, '2026-01-01')).toEqual([
      { village: '*', name: null, numerator: 2, denominator: 10, missing: null },
      { village: 'thon-1', name: 'Thôn 1', numerator: 2, denominator: 10, missing: null },
    ]);
    const merchants = valuesOnDay(l, '2026-01-01').filter((v) => v.indicator === 'merchants-qr');
    expect(merchants.map((m) => [m.village, m.denominator])).toEqual([
      ['*', 1],
      ['thon-1', 1],
    ]);
  });

  it('keep a split village’s residents where they were until each is moved', () => {
    const split = registerOf(
      registered('thon-1', 'Thôn 1'),
      registered('thon-2', 'Thôn 2'),
      registered('thon-3', 'Thôn 3'),
      retired('thon-2', ['thon-1', 'thon-3'], '2026-01-01'),
    );
    const l = loaded(facts([adultWithVneid('thon-2')], [estimate('thon-1', 10)]), split);
    expect(vneid(l, '2026-02-01')).toEqual([
      { village: '*', name: null, numerator: 1, denominator: 10, missing: null },
      { village: 'thon-1', name: 'Thôn 1', numerator: 0, denominator: 10, missing: null },
      { village: 'thon-2', name: 'Thôn 2', numerator: 1, denominator: null, missing: 'estimate' },
      { village: 'thon-3', name: 'Thôn 3', numerator: 0, denominator: null, missing: 'estimate' },
    ]);
  });
});
