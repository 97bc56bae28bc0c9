import type { ResidentFacts } from '../engine/facts';
import { countChanges } from './resident-deltas';

const registered: ResidentFacts = {
  birthYear: 1990,
  residence: [{ village: 'thon-1', from: '2025-01-10', seq: 100 }],
  adoption: [],
};
const vneid = (stage: string, on: string, seq: number, delta: 1 | -1 = 1) => ({
  indicator: 'vneid',
  stage,
  delta,
  on,
  seq,
});
const only = (indicator: string) => (c: { indicator: string }) => c.indicator === indicator;

describe('the count changes a resident’s new facts make', () => {
  it('counts a confirmation from its own day at its stage and every level below, however late it was recorded', () => {
    const confirmed = { ...registered, adoption: [vneid('installed', '2025-06-03', 900)] };
    expect(countChanges(registered, confirmed)).toEqual([
      { indicator: 'vneid', level: 'guided', village: 'thon-1', day: '2025-06-03', delta: 1 },
      { indicator: 'vneid', level: 'installed', village: 'thon-1', day: '2025-06-03', delta: 1 },
    ]);
  });

  it('ends the count on the day a retraction takes effect', () => {
    const confirmed = { ...registered, adoption: [vneid('guided', '2025-03-01', 200)] };
    const retracted = {
      ...confirmed,
      adoption: [...confirmed.adoption, vneid('guided', '2025-05-01', 300, -1)],
    };
    expect(countChanges(confirmed, retracted).filter(only('vneid'))).toEqual([
      { indicator: 'vneid', level: 'guided', village: 'thon-1', day: '2025-05-01', delta: -1 },
    ]);
  });

  it('moves the count to the new village from the move’s effective day', () => {
    const confirmed = { ...registered, adoption: [vneid('guided', '2025-03-01', 200)] };
    const moved = {
      ...confirmed,
      residence: [...confirmed.residence, { village: 'thon-2', from: '2025-08-01', seq: 400 }],
    };
    expect(countChanges(confirmed, moved).filter(only('vneid'))).toEqual([
      { indicator: 'vneid', level: 'guided', village: 'thon-1', day: '2025-08-01', delta: -1 },
      { indicator: 'vneid', level: 'guided', village: 'thon-2', day: '2025-08-01', delta: 1 },
    ]);
  });

  it('starts a child’s count only on 1 January of the year they reach the indicator’s age', () => {
    const child = { birthYear: 2012, residence: registered.residence, adoption: [] };
    const guided = { ...child, adoption: [vneid('guided', '2025-03-01', 200)] };
    expect(countChanges(child, guided).filter(only('vneid'))).toEqual([
      { indicator: 'vneid', level: 'guided', village: 'thon-1', day: '2026-01-01', delta: 1 },
    ]);
  });
});
