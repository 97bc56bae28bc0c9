import { WritesBusyError, toProblem } from '../problem-details';
import { loadServiceConfig } from '../service/service-config';
import { WRITES_IN_FLIGHT, WriteSlots } from './write-slots';
import { watchWriteSlots } from '../observability/consumer-metrics';
import { metrics } from '../observability/metrics';

const tick = () => new Promise((r) => setImmediate(r));

/** Work that ends when the test says so. */
function held() {
  let end: (err?: Error) => void = () => undefined;
  const work = () => new Promise<void>((resolve, reject) => (end = (err) => (err ? reject(err) : resolve())));
  return { work, end: (err?: Error) => end(err) };
}

describe('write slots', () => {
  it('let as many writes run as there are slots, and start the next in the order they asked', async () => {
    const slots = new WriteSlots(2);
    const started: string[] = [];
    const writes = Object.fromEntries(['a', 'b', 'c', 'd'].map((name) => [name, held()]));
    const running = Object.entries(writes).map(([name, w]) =>
      slots.holding(() => {
        started.push(name);
        return w.work();
      }),
    );
    const ends = Promise.allSettled(running);
    await tick();
    expect(started).toEqual(['a', 'b']);
    writes['b']!.end();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    writes['a']!.end(new Error('refused'));
    await tick();
    // A write that failed gave its slot back too.
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    writes['c']!.end();
    writes['d']!.end();
    expect((await ends).map((e) => e.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('are all free again once every write has ended', async () => {
    const slots = new WriteSlots(2);
    await Promise.allSettled([
      slots.holding(async () => undefined),
      slots.holding(async () => {
        throw new Error('database away');
      }),
      slots.holding(async () => undefined),
    ]);
    const started: number[] = [];
    const [first, second, third] = [held(), held(), held()];
    for (const [i, w] of [first, second, third].entries())
      void slots.holding(() => {
        started.push(i);
        return w.work();
      });
    await tick();
    expect(started).toEqual([0, 1]);
    first.end();
    second.end();
    third.end();
  });
});

describe('the write slots metric', () => {
  it('says how many writes run and how many wait', async () => {
    const slots = new WriteSlots(1);
    const first = held();
    void slots.holding(first.work);
    void slots.holding(async () => undefined);
    await tick();
    watchWriteSlots(slots);
    const text = await metrics.getSingleMetricAsString('cnscd_writes');
    expect(text).toContain('cnscd_writes{state="running"} 1');
    expect(text).toContain('cnscd_writes{state="waiting"} 1');
    first.end();
  });
});

describe('the write bounds (WRITES_IN_FLIGHT, WRITES_WAITING_MAX)', () => {
  it('refuse a write at once, as 503 busy, when as many wait as allowed; 0 lifts the bound', async () => {
    const slots = new WriteSlots(1);
    slots.configure(1, 1);
    const first = held();
    void slots.holding(first.work);
    const waiting = slots.holding(async () => 'served');
    const refused = await slots.holding(async () => 'served').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(WritesBusyError);
    expect(toProblem(refused)).toMatchObject({ status: 503, code: 'busy' });
    expect(slots.refused).toBe(1);
    slots.configure(1, 0);
    const alsoWaiting = slots.holding(async () => 'served');
    first.end();
    expect([await waiting, await alsoWaiting]).toEqual(['served', 'served']);
  });

  it('are read from the environment (128 at once, no bound on waiting by default); a bad value stops the service naming it', () => {
    expect(loadServiceConfig('outreach', 3001, {}, {}).writes).toEqual({
      inFlight: WRITES_IN_FLIGHT,
      waitingMax: 0,
    });
    const env = { WRITES_IN_FLIGHT: '64', WRITES_WAITING_MAX: '512' };
    expect(loadServiceConfig('outreach', 3001, {}, env).writes).toEqual({ inFlight: 64, waitingMax: 512 });
    for (const [name, value] of [
      ['WRITES_WAITING_MAX', '-1'],
      ['WRITES_WAITING_MAX', 'many'],
      ['WRITES_IN_FLIGHT', '0'],
      ['WRITES_IN_FLIGHT', '2.5'],
    ] as const)
      expect(() => loadServiceConfig('outreach', 3001, {}, { [name]: value })).toThrow(
        new RegExp(`configuration is invalid:\\s+${name}`),
      );
  });
});

describe('write slots given more room', () => {
  it('start the writes that waited at once', async () => {
    const slots = new WriteSlots(1);
    const started: number[] = [];
    const [first, second] = [held(), held()];
    for (const [i, w] of [first, second].entries())
      void slots.holding(() => {
        started.push(i);
        return w.work();
      });
    await tick();
    expect(started).toEqual([0]);
    slots.configure(2, 0);
    await tick();
    expect([started, slots.running, slots.waiting]).toEqual([[0, 1], 2, 0]);
    first.end();
    second.end();
  });
});
