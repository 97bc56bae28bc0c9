import { Arrivals } from './arrivals';

/** A source the test feeds by hand; `read` counts what the pump has taken from it. */
function handFed<T>() {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: Error | undefined;
  let read = 0;
  const source: AsyncIterable<T> = {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queue.length === 0 && !ended && !failure) await new Promise<void>((r) => (wake = r));
        if (failure) throw failure;
        if (queue.length === 0) return;
        read += 1;
        yield queue.shift()!;
      }
    },
  };
  const poke = () => (wake?.(), (wake = undefined));
  return {
    source,
    feed: (...items: T[]) => (queue.push(...items), poke()),
    end: () => ((ended = true), poke()),
    fail: (err: Error) => ((failure = err), poke()),
    read: () => read,
  };
}
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('what has arrived and not been taken', () => {
  it('gathers what arrives while the taker is busy, and hands it over together', async () => {
    const src = handFed<number>();
    const arrivals = new Arrivals(src.source, 100);
    src.feed(1);
    expect(await arrivals.take(100)).toEqual([1]);
    src.feed(2, 3, 4);
    await settle();
    expect(arrivals.waiting).toBe(3);
    expect(await arrivals.take(100)).toEqual([2, 3, 4]);
    expect(arrivals.waiting).toBe(0);
  });

  it('stops reading its source at the high-water mark until items are taken', async () => {
    const src = handFed<number>();
    const arrivals = new Arrivals(src.source, 3);
    src.feed(1, 2, 3, 4, 5, 6);
    await settle();
    expect(src.read()).toBe(3);
    expect(await arrivals.take(2)).toEqual([1, 2]);
    await settle();
    expect(src.read()).toBe(5);
  });

  it('answers nothing once the source has ended, and the source’s failure once it failed', async () => {
    const ended = handFed<number>();
    const done = new Arrivals(ended.source, 10);
    ended.feed(1);
    ended.end();
    expect(await done.take(10)).toEqual([1]);
    expect(await done.take(10)).toEqual([]);

    const failing = handFed<number>();
    const broken = new Arrivals(failing.source, 10);
    failing.fail(new Error('connection closed'));
    await expect(broken.take(10)).rejects.toThrow('connection closed');
  });

  it('lets a taker waiting for more go when it is closed', async () => {
    const src = handFed<number>();
    const arrivals = new Arrivals(src.source, 10);
    const waiting = arrivals.take(10);
    arrivals.close();
    expect(await waiting).toEqual([]);
  });
});
