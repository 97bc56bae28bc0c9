import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { EventBatch } from './index';
import { openOrdered } from './ordered-reader';
import { aVisit, logged, meta, storeUnderTest } from './testing/store-under-test';

const t = storeUnderTest();
const MOST = '99011';
const FEW = '99012';

const append = (commune: string, n: number) => t.store.append(aVisit(commune), 0, [logged(n)], meta());
const numbers = (batches: readonly EventBatch[]) =>
  batches.flatMap((b) => b.events.map((e) => (e.data as { n: number }).n));

describe('reading part of the stream', () => {
  beforeAll(async () => {
    // Nine of the first ten commits are MOST's: the stream a projection of one context mostly reads.
    for (let n = 1; n <= 10; n++) await append(n === 5 ? FEW : MOST, n);
  });

  it('filters in the client when the filter lets most messages through, and leaves few to the server', async () => {
    const js = jetstream(t.nc);
    const most = await openOrdered(js, t.store.streamName, 'cnscd.evt', { filter: { commune: MOST } });
    const few = await openOrdered(js, t.store.streamName, 'cnscd.evt', { filter: { commune: FEW } });

    expect([most.pending, (await most.consumer.info(true)).config.filter_subject]).toEqual([9, undefined]);
    expect(most.matches?.('cnscd.evt.99012.outreach.visit.x')).toBe(false);
    expect([few.pending, few.matches, (await few.consumer.info(true)).config.filter_subject]).toEqual([
      1,
      null,
      'cnscd.evt.99012.>',
    ]);
    // The consumer not chosen is gone from the server at once.
    const jsm = await jetstreamManager(t.nc);
    expect((await jsm.streams.info(t.store.streamName)).state.consumer_count).toBe(2);
    await Promise.all([most.consumer.delete(), few.consumer.delete()]);
  });

  it('reads exactly the filtered events either way', async () => {
    const read = async (commune: string) => {
      const batches: EventBatch[] = [];
      for await (const b of t.store.readAll({ filter: { commune }, batchSize: 3 })) batches.push(b);
      return batches;
    };
    const most = await read(MOST);
    expect(numbers(most)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10]);
    expect(most.at(-1)).toMatchObject({ position: 10, caughtUp: true });
    expect(numbers(await read(FEW))).toEqual([5]);
  });

  it("finds a filter's newest commit whether or not it is the stream's newest", async () => {
    // The tenth commit, the stream's newest here, is MOST's; FEW's newest is the fifth.
    expect(await t.store.lastPosition({ commune: MOST })).toBe(10);
    expect(await t.store.lastPosition({ commune: FEW })).toBe(5);
    expect(await t.store.lastPosition({ commune: '99013' })).toBe(0);
  });

  it('answers a reader its own position when nothing it reads came after it, and looks further only for a reader behind', async () => {
    // FEW's reader has read to 7 (past its newest, the fifth): nothing of FEW's after 7, so 7 — not 5.
    expect(await t.store.lastPosition({ commune: FEW }, 7)).toBe(7);
    // A reader at 3 has FEW's fifth commit still to read: the newest is looked up.
    expect(await t.store.lastPosition({ commune: FEW }, 3)).toBe(5);
  });

  it('catches up unfiltered, then goes on live with the server filtering', async () => {
    const consumers = async () => {
      const jsm = await jetstreamManager(t.nc);
      return new Map((await jsm.consumers.list(t.store.streamName).next()).map((c) => [c.name, c.config]));
    };
    const before = await consumers();
    const batches: EventBatch[] = [];
    const subscription = t.store.subscribe({ filter: { commune: MOST } });
    let appended = false;
    for await (const batch of subscription) {
      batches.push(batch);
      if (batch.caughtUp && !appended) {
        appended = true;
        void append(FEW, 11).then(() => append(MOST, 12));
      }
      if (numbers(batches).includes(12)) break;
    }
    const live = [...(await consumers())].filter(([name]) => !before.has(name));
    subscription.close();

    expect(numbers(batches)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 12]);
    const caughtUp = batches.findIndex((b) => b.caughtUp);
    expect(batches.slice(caughtUp + 1).map((b) => [b.events.length, b.position])).toEqual([[1, 12]]);
    // Only the live consumer is left, and the server applies the filter for it.
    expect(live.map(([, config]) => config.filter_subject)).toEqual(['cnscd.evt.99011.>']);
  });
});
