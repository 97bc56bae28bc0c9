import { judgeSource, type SourceState } from './source-lag';

const STALL_MS = 60_000;
const look = (communeLast: number | null, hubLast: number, diverged = false) => ({
  commune: '99001',
  communeLast,
  hubLast,
  diverged,
});

/** The states after each look, one look every `everyMs`. */
function looks(seen: ReturnType<typeof look>[], everyMs = 10_000): SourceState[] {
  const states: SourceState[] = [];
  seen.forEach((s, i) => states.push(judgeSource(states.at(-1), s, i * everyMs, STALL_MS)));
  return states;
}

describe('judging a commune source of the hub', () => {
  it('given the hub holds all the commune has, when looked at, then it is 0 behind and not stalled', () => {
    const [state] = looks([look(40, 40)]);
    expect(state).toMatchObject({ behind: 0, reachable: true, stalled: false });
  });

  it('given the hub advances towards the commune, when it stays behind for long, then it is not stalled', () => {
    const states = looks(Array.from({ length: 12 }, (_, i) => look(1000, i * 50)));
    expect(states.at(-1)).toMatchObject({ behind: 450, stalled: false });
  });

  it('given the commune goes on and the hub stands still, when the stall time passes, then it is stalled', () => {
    const states = looks([look(10, 10), ...Array.from({ length: 7 }, (_, i) => look(11 + i, 10))]);
    expect(states.map((s) => s.stalled)).toEqual([false, false, false, false, false, false, false, true]);
    expect(states.at(-1)!.behind).toBe(7);
  });

  it('given a quiet commune records again after a long idle time, when the hub has not moved yet, then it is not stalled at once', () => {
    const states = looks([...Array.from({ length: 30 }, () => look(10, 10)), look(11, 10)]);
    expect(states.at(-1)).toMatchObject({ behind: 1, stalled: false });
  });

  it('given the commune cannot be asked, when looked at, then it is unreachable and not stalled', () => {
    const states = looks([look(10, 10), ...Array.from({ length: 10 }, () => look(null, 10))]);
    expect(states.at(-1)).toMatchObject({ behind: null, reachable: false, stalled: false });
  });

  it('given the link comes back after a long cut, when the commune is ahead, then the stall clock starts then', () => {
    const cut = Array.from({ length: 10 }, () => look(null, 10));
    const back = Array.from({ length: 6 }, () => look(30, 10));
    const states = looks([look(10, 10), ...cut, ...back]);
    expect(states.at(-1)).toMatchObject({ behind: 20, stalled: false });
    expect(judgeSource(states.at(-1), look(30, 10), 17 * 10_000, STALL_MS).stalled).toBe(true);
  });

  it('given a stalled source, when the hub advances, then it is no longer stalled', () => {
    const states = looks([look(10, 10), ...Array.from({ length: 8 }, () => look(20, 10)), look(20, 15)]);
    expect(states.at(-2)!.stalled).toBe(true);
    expect(states.at(-1)).toMatchObject({ behind: 5, stalled: false });
  });

  it('given the commune’s stream diverged from the hub’s copy, when the hub stands still behind it, then it is diverged and never stalled (a restart would lose records)', () => {
    const states = looks([look(10, 10), ...Array.from({ length: 8 }, () => look(12, 10, true))]);
    expect(states.at(-1)).toMatchObject({ behind: 2, reachable: true, diverged: true, stalled: false });
    expect(states.some((s) => s.stalled)).toBe(false);
  });

  it('given a diverged stream, when the commune is reconciled, then it is judged afresh: neither diverged nor stalled at once', () => {
    const states = looks([...Array.from({ length: 8 }, () => look(12, 10, true)), look(12, 10)]);
    expect(states.at(-1)).toMatchObject({ behind: 2, diverged: false, stalled: false });
  });
});
