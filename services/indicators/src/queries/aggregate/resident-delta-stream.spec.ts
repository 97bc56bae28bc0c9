import { ResidentDeltaStream, type StreamedChange } from './resident-delta-stream';

/** A stream fed one resident's facts in recording order; what it emitted and what it left for later. */
function feed(facts: Parameters<ResidentDeltaStream['apply']>[2][]) {
  const late: number[] = [];
  const stream = new ResidentDeltaStream((e) => late.push(e.seq));
  const emitted: string[] = [];
  const emit = (c: StreamedChange) =>
    emitted.push(`${c.indicator} ${c.level} ${c.village} ${c.day} ${c.delta}`);
  facts.forEach((fact, i) => stream.apply('99001', 'r1', fact, 100 + i, '2025-12-01T00:00:00Z', emit));
  return { emitted, late };
}
const registered = { kind: 'registered', birthYear: 1990, village: 'thon-1', day: '2025-01-05' } as const;
const step = (stage: string, day: string, delta = 1) =>
  ({ kind: 'step', indicator: 'vneid', stage, delta, day }) as const;

describe('the rebuild’s count changes, one resident fact at a time', () => {
  it('counts a confirmation dated after every earlier fact from its day, at each level it turns on', () => {
    expect(feed([registered, step('guided', '2025-02-01'), step('installed', '2025-03-01')])).toEqual({
      emitted: ['vneid guided thon-1 2025-02-01 1', 'vneid installed thon-1 2025-03-01 1'],
      late: [],
    });
  });

  it('counts from the day the resident comes of age when they were too young on the confirmation’s day', () => {
    const young = { ...registered, birthYear: 2012 };
    expect(feed([young, step('guided', '2025-02-01')]).emitted).toEqual(['vneid guided thon-1 2026-01-01 1']);
  });

  it('carries what stands to the new village on a move', () => {
    const move = { kind: 'moved', village: 'thon-2', day: '2025-04-01' } as const;
    expect(feed([registered, step('guided', '2025-02-01'), move]).emitted).toEqual([
      'vneid guided thon-1 2025-02-01 1',
      'vneid guided thon-1 2025-04-01 -1',
      'vneid guided thon-2 2025-04-01 1',
    ]);
  });

  it('counts a confirmation dated after its own indicator’s facts at once, though another indicator’s fact is later', () => {
    const health = {
      kind: 'step',
      indicator: 'e-health-record',
      stage: 'guided',
      delta: 1,
      day: '2025-06-01',
    } as const;
    expect(feed([registered, health, step('guided', '2025-03-01')])).toEqual({
      emitted: ['e-health-record guided thon-1 2025-06-01 1', 'vneid guided thon-1 2025-03-01 1'],
      late: [],
    });
  });

  it('leaves a confirmation dated before a move for later: it counted in the village the resident left', () => {
    const move = { kind: 'moved', village: 'thon-2', day: '2025-04-01' } as const;
    expect(feed([registered, move, step('guided', '2025-03-01')])).toEqual({ emitted: [], late: [102] });
  });

  it('leaves a fact dated before its indicator’s latest one for later, emitting nothing for it', () => {
    expect(feed([registered, step('guided', '2025-05-01'), step('installed', '2025-03-01')])).toEqual({
      emitted: ['vneid guided thon-1 2025-05-01 1'],
      late: [102],
    });
  });
});
