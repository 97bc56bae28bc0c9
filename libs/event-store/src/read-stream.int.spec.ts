import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { subjectOf, type EventStore, type StreamRef } from './index';
import { aVisit, logged, meta, storeUnderTest } from './testing/store-under-test';

const t = storeUnderTest();

/** The lookups of single commits (`STREAM.MSG.GET`) the store sends while `work` runs, as the server receives them. */
async function lookupsDuring(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lookups: Record<string, unknown>[] = [];
  const spy = t.nc.subscribe(`$JS.API.STREAM.MSG.GET.${t.store.streamName}`, {
    callback: (_, msg) => {
      lookups.push(msg.json());
    },
  });
  await t.nc.flush();
  await work();
  await t.nc.flush(); // the copies of the store's requests come back before the flush's answer
  spy.unsubscribe();
  return lookups;
}

/** Appends `n` commits to one aggregate, each after a commit of another (the history is not contiguous). */
async function historyOf(stream: StreamRef, n: number): Promise<number[]> {
  const positions: number[] = [];
  for (let i = 1; i <= n; i++) {
    const others = [aVisit(), aVisit()].map((other) => t.store.append(other, 0, [logged(0)], meta()));
    const [own] = await Promise.all([
      t.store.append(stream, positions.at(-1) ?? 0, [logged(i)], meta()),
      ...others,
    ]);
    positions.push(own.position);
  }
  return positions;
}

describe("reading one aggregate's history", () => {
  it('reads a history back from its newest commit, each commit found by the position the one after it expected', async () => {
    const stream = aVisit();
    const batchesBefore = t.store.groupCommits.batches;
    const positions = await historyOf(stream, 4);
    // The commits went to the stream with others at once (atomic batches): the header is kept there too.
    expect(t.store.groupCommits.batches).toBeGreaterThan(batchesBefore);

    let history: Awaited<ReturnType<EventStore['readStream']>> | undefined;
    const lookups = await lookupsDuring(async () => (history = await t.store.readStream(stream)));

    expect(history!.events.map((e) => [e.data, e.position])).toEqual(
      positions.map((p, i) => [{ n: i + 1 }, p]),
    );
    expect(history!.revision).toBe(positions[3]);
    expect(lookups).toEqual([
      { last_by_subj: subjectOf(stream) },
      { seq: positions[2] },
      { seq: positions[1] },
      { seq: positions[0] },
    ]);
  });

  it('reads what comes before a commit that names no earlier one forward by subject, and the rest back', async () => {
    const stream = aVisit();
    const subject = subjectOf(stream);
    const [first] = await historyOf(stream, 1);
    await t.store.append(aVisit(), 0, [logged(0)], meta()); // a commit of another between the two
    // A commit stored without an expected sequence (as a test's seeding, or a hub's copy, has it).
    const jsm = await jetstreamManager(t.nc);
    const stored = (await jsm.streams.getMessage(t.store.streamName, { seq: first! }))!.json<{
      events: { id: string; data: unknown }[];
    }>();
    const unexpected = { ...stored, events: [{ ...stored.events[0]!, id: randomUUID(), data: { n: 2 } }] };
    const { seq: second } = await jetstream(t.nc).publish(subject, JSON.stringify(unexpected));
    const { position: third } = await t.store.append(stream, second, [logged(3)], meta());

    let history: Awaited<ReturnType<EventStore['readStream']>> | undefined;
    const lookups = await lookupsDuring(async () => (history = await t.store.readStream(stream)));

    expect(history!.events.map((e) => [e.data, e.position])).toEqual([
      [{ n: 1 }, first],
      [{ n: 2 }, second],
      [{ n: 3 }, third],
    ]);
    expect(lookups).toEqual([
      { last_by_subj: subject },
      { seq: second },
      { seq: 1, next_by_subj: subject },
      { seq: first! + 1, next_by_subj: subject },
    ]);
  });
});
