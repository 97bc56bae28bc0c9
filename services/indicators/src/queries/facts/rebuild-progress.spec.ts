import { progressed, type RebuildProgress } from './rebuild-progress';

const running: RebuildProgress = {
  schema: 'indicators_v2',
  status: 'running',
  startedAt: '2026-12-06T23:00:00.000Z',
  phase: 'reading',
  target: 10_000,
  done: 0,
  eventsApplied: 0,
  eventsPerSecond: 0,
  secondsLeft: null,
};

describe("a rebuild's progress after a fill's report", () => {
  it('says where it is, its rate so far and the seconds left at that rate', () => {
    const report = { position: 2_000, eventsApplied: 2_500, phase: 'reading' as const };
    expect(progressed(running, report, 5)).toEqual({
      ...running,
      done: 2_000,
      eventsApplied: 2_500,
      eventsPerSecond: 500,
      secondsLeft: 16, // 8,000 positions left at 500 a second
    });
  });

  it('is done at its target once the fill reads past it, with nothing left', () => {
    const report = { position: 12_000, eventsApplied: 15_000, phase: 'counting' as const };
    expect(progressed(running, report, 10)).toMatchObject({
      phase: 'counting',
      done: 10_000,
      secondsLeft: 0,
    });
  });
});
