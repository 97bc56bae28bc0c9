import { jetstreamManager } from '@nats-io/jetstream';
import { allowsAtomicBatches } from './group-commit';
import {
  DEFAULT_STREAM_SETTINGS,
  EventStore,
  WrongExpectedRevisionError,
  ensureEventStream,
  type AppendResult,
  type StreamRef,
} from './index';
import { aVisit, logged, meta, storeUnderTest } from './testing/store-under-test';

const t = storeUnderTest();
/** The suite's nats-server is 2.15 (decision 0018); on a 2.10 fallback every commit goes alone. */
const atomicServer = () => allowsAtomicBatches(t.nc.info?.version);

/** Appends handed over in one go, in this order: the first goes alone, the rest meet behind it. */
function appendTogether(store: EventStore, appends: [StreamRef, number][]) {
  return Promise.allSettled(appends.map(([s, rev]) => store.append(s, rev, [logged(rev)], meta())));
}

const positionsOf = (results: PromiseSettledResult<AppendResult>[]) =>
  results.map((r) => (r.status === 'fulfilled' ? r.value.position : null));

describe('group commit (decision 0019)', () => {
  it('stores commits that meet on their way to the disk as one batch, each at its own position, in the order handed over', async () => {
    const before = { ...t.store.groupCommits };
    const streams = Array.from({ length: 50 }, () => aVisit());

    const positions = positionsOf(
      await appendTogether(
        t.store,
        streams.map((s) => [s, 0]),
      ),
    );

    expect(positions.every((p) => p !== null)).toBe(true);
    expect([...positions].sort((a, b) => a! - b!)).toEqual(positions);
    for (const [i, s] of streams.entries()) {
      const commit = await t.store.readCommit(positions[i]!);
      expect(commit?.events[0]?.stream).toEqual(s);
    }
    const batched = t.store.groupCommits.batchedCommits - before.batchedCommits;
    expect(batched).toBe(atomicServer() ? 49 : 0);
  });

  it('answers each commit of a batch JetStream refuses on its own: the conflicting one is refused, the others are kept', async () => {
    const existing = aVisit();
    await t.store.append(existing, 0, [logged(0)], meta());
    const fresh = Array.from({ length: 8 }, () => aVisit());
    const before = { ...t.store.groupCommits };

    const results = await appendTogether(t.store, [
      [fresh[0]!, 0],
      [fresh[1]!, 0],
      [existing, 0], // the aggregate exists: refused
      ...fresh.slice(2).map((s): [StreamRef, number] => [s, 0]),
    ]);

    expect(results.map((r) => r.status)).toEqual([
      ...Array(2).fill('fulfilled'),
      'rejected',
      ...Array(6).fill('fulfilled'),
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    const positions = positionsOf(results).filter((p) => p !== null);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect((await t.store.readStream(existing)).events).toHaveLength(1);
    expect(t.store.groupCommits.batches - before.batches).toBe(0);
  });

  it('answers a command sent again inside a batch with its original commit', async () => {
    const first = aVisit();
    const again = meta();
    const original = await t.store.append(first, 0, [logged(1)], again);
    const others = Array.from({ length: 4 }, () => aVisit());

    const [, resent, ...rest] = await Promise.all([
      t.store.append(aVisit(), 0, [logged(0)], meta()),
      t.store.append(first, 0, [logged(1)], again),
      ...others.map((s) => t.store.append(s, 0, [logged(2)], meta())),
    ]);

    expect(resent).toEqual({ ...original, duplicate: true });
    expect(rest.map((r) => r.duplicate)).toEqual([false, false, false, false]);
    expect((await t.store.readStream(first)).events).toHaveLength(1);
  });

  it('puts one subject in a batch once: a second commit on it waits for the next', async () => {
    const stream = aVisit();
    const before = { ...t.store.groupCommits };
    const results = await appendTogether(t.store, [
      [aVisit(), 0],
      [stream, 0],
      [aVisit(), 0],
      [stream, 0], // behind the first on the same subject: refused, as it would be alone
      [aVisit(), 0],
    ]);

    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    // Behind the first, alone: the first on the subject and the one after it went together.
    expect(t.store.groupCommits.batches - before.batches).toBe(atomicServer() ? 1 : 0);
  });

  it('sends every commit alone to a stream that does not allow atomic batches, and says how the stream differs', async () => {
    const settings = { ...DEFAULT_STREAM_SETTINGS, streamName: 'NO_ATOMIC', subjectPrefix: 'noatomic.evt' };
    const jsm = await jetstreamManager(t.nc);
    await jsm.streams.add({ name: settings.streamName, subjects: [`${settings.subjectPrefix}.>`] });
    const store = await EventStore.create(t.nc, settings);

    const positions = positionsOf(
      await appendTogether(
        store,
        Array.from({ length: 20 }, () => [aVisit(), 0]),
      ),
    );

    expect(positions.every((p) => p !== null)).toBe(true);
    expect(store.groupCommits).toEqual({ batches: 0, batchedCommits: 0 });
    const { differences } = await ensureEventStream(t.nc, settings);
    expect(differences.some((d) => d.startsWith('atomic batches off'))).toBe(atomicServer());
  });
});
