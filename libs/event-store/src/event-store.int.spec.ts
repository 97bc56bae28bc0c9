import { jetstreamManager } from '@nats-io/jetstream';
import {
  CommandIdConflictError,
  EventStore,
  UpcasterRegistry,
  WrongExpectedRevisionError,
  DEFAULT_STREAM_SETTINGS,
  ensureEventStream,
  type EventBatch,
} from './index';
import { aVisit, logged, meta, storeUnderTest } from './testing/store-under-test';

const t = storeUnderTest();

async function collect(batches: AsyncIterable<EventBatch>): Promise<EventBatch[]> {
  const all: EventBatch[] = [];
  for await (const b of batches) all.push(b);
  return all;
}

describe('appending', () => {
  it('puts all events of one command in one commit and reads them back at once, with the full envelope', async () => {
    const stream = aVisit();
    const metadata = meta();
    const before = Date.now();
    const result = await t.store.append(
      stream,
      0,
      [logged(1), { ...logged(2), occurredAt: '2026-03-01T00:00:00.000Z' }],
      metadata,
    );
    const history = await t.store.readStream(stream);

    expect(history.revision).toBe(result.position);
    expect(history.events.map((e) => [e.type, e.data, e.position, e.index])).toEqual([
      ['VisitLogged', { n: 1 }, result.position, 0],
      ['VisitLogged', { n: 2 }, result.position, 1],
    ]);
    const [first, second] = history.events;
    expect(first!.eventId).toBe(result.eventIds[0]);
    expect(first!.stream).toEqual(stream);
    expect(first!.schemaVersion).toBe(1);
    expect(first!.occurredAt).toBe(metadata.occurredAt);
    expect(second!.occurredAt).toBe('2026-03-01T00:00:00.000Z');
    expect(Date.parse(first!.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(first!.recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(first!.metadata).toEqual({
      commandId: metadata.commandId,
      commandHash: metadata.commandHash,
      actor: metadata.actor,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      trace: metadata.trace,
    });
  });

  it('lets exactly one of 20 concurrent appends at the same expected revision win', async () => {
    const stream = aVisit();
    const { position } = await t.store.append(stream, 0, [logged(0)], meta());

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => t.store.append(stream, position, [logged(i + 1)], meta())),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await t.store.readStream(stream)).events).toHaveLength(2);
  });

  it('refuses to create an aggregate that already exists (expected revision 0)', async () => {
    const stream = aVisit();
    await t.store.append(stream, 0, [logged(1)], meta());
    await expect(t.store.append(stream, 0, [logged(2)], meta())).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });

  it('answers a resent command id with the original commit and writes nothing new', async () => {
    const stream = aVisit();
    const metadata = meta();
    const first = await t.store.append(stream, 0, [logged(1)], metadata);
    const again = await t.store.append(stream, 0, [logged(1)], metadata);

    expect(again).toEqual({ position: first.position, duplicate: true, eventIds: first.eventIds });
    expect((await t.store.readStream(stream)).events).toHaveLength(1);
  });

  it('answers a command id resent with its first expected revision as the original once JetStream no longer takes it for a duplicate', async () => {
    // Past the duplicate window (here 100 ms), and on nats-server 2.11 on inside it too, a resend
    // expecting the revision its first send moved on is refused on the expected sequence, not deduplicated.
    const settings = { ...DEFAULT_STREAM_SETTINGS, streamName: 'SHORT_WINDOW', subjectPrefix: 'short.evt' };
    await ensureEventStream(t.nc, { ...settings, duplicateWindowMs: 100 });
    const store = await EventStore.create(t.nc, settings);
    const stream = aVisit();
    const metadata = meta();
    const first = await store.append(stream, 0, [logged(1)], metadata);
    await new Promise((r) => setTimeout(r, 300));

    const again = await store.append(stream, 0, [logged(1)], metadata);
    const other = store.append(stream, 0, [logged(1)], meta());
    const changed = store.append(stream, 0, [logged(2)], { ...metadata, commandHash: 'hash-b' });

    expect(again).toEqual({ position: first.position, duplicate: true, eventIds: first.eventIds });
    await expect(other).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(changed).rejects.toBeInstanceOf(CommandIdConflictError);
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  it('sends an append left unanswered again, keeps it once, and answers it as this append, not a resend', async () => {
    const stream = aVisit();
    // A stalled server (a cluster electing its stream's leader answers nothing the same way).
    t.nats.freeze();
    const appending = t.store.append(stream, 0, [logged(1)], meta());
    await new Promise((r) => setTimeout(r, 2_500)); // past the first send's 1.5 s wait: sent again
    t.nats.thaw();
    const result = await appending;
    expect(result.duplicate).toBe(false);
    const history = await t.store.readStream(stream);
    expect({ commits: history.events.length, revision: history.revision }).toEqual({
      commits: 1,
      revision: result.position,
    });
  });

  it('treats the same command id with other content as a conflict', async () => {
    const stream = aVisit();
    const metadata = meta();
    await t.store.append(stream, 0, [logged(1)], metadata);
    await expect(
      t.store.append(stream, 'any', [logged(9)], { ...metadata, commandHash: 'hash-b' }),
    ).rejects.toBeInstanceOf(CommandIdConflictError);
    await expect(t.store.append(aVisit(), 0, [logged(1)], metadata)).rejects.toBeInstanceOf(
      CommandIdConflictError,
    );
  });

  it('never lets an event be deleted or the stream purged', async () => {
    const stream = aVisit();
    const { position } = await t.store.append(stream, 0, [logged(1)], meta());
    const jsm = await jetstreamManager(t.nc);
    await expect(jsm.streams.deleteMessage(t.store.streamName, position)).rejects.toThrow();
    await expect(jsm.streams.purge(t.store.streamName)).rejects.toThrow();
    expect((await t.store.readStream(stream)).events).toHaveLength(1);
  });
});

describe('reading', () => {
  it('applies registered upcasters on read without touching what is stored', async () => {
    const upcasters = new UpcasterRegistry()
      .register('TopicsGuided', 1, (d) => ({ topics: [(d as { topic: number }).topic] }))
      .register('TopicsGuided', 2, (d) => ({ ...(d as object), note: null }));
    const upcasting = await EventStore.create(t.nc, {}, upcasters);
    const stream = aVisit();
    await t.store.append(stream, 0, [{ type: 'TopicsGuided', data: { topic: 5 }, schemaVersion: 1 }], meta());

    const [event] = (await upcasting.readStream(stream)).events;
    expect(event!.schemaVersion).toBe(3);
    expect(event!.data).toEqual({ topics: [5], note: null });
    expect((await t.store.readStream(stream)).events[0]!.data).toEqual({ topic: 5 });
  });

  it('reads everything of one commune from a position, then ends', async () => {
    const commune = '99002';
    const positions: number[] = [];
    for (let i = 0; i < 5; i++) {
      const stream = { ...aVisit(), commune };
      positions.push((await t.store.append(stream, 0, [logged(i)], meta())).position);
    }
    await t.store.append(aVisit(), 0, [logged(99)], meta());

    const fromStart = (await collect(t.store.readAll({ filter: { commune }, batchSize: 2 }))).flatMap(
      (b) => b.events,
    );
    expect(fromStart.map((e) => e.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));

    const fromThird = (await collect(t.store.readAll({ filter: { commune }, after: positions[2] }))).flatMap(
      (b) => b.events,
    );
    expect(fromThird.map((e) => e.position)).toEqual(positions.slice(3));
  });

  it('reads from a time: only commits recorded at or after it', async () => {
    const commune = '99003';
    await t.store.append({ ...aVisit(), commune }, 0, [logged(1)], meta());
    await new Promise((r) => setTimeout(r, 50));
    const cut = new Date();
    await t.store.append({ ...aVisit(), commune }, 0, [logged(2)], meta());

    const events = (await collect(t.store.readAll({ filter: { commune }, fromTime: cut }))).flatMap(
      (b) => b.events,
    );
    expect(events.map((e) => e.data)).toEqual([{ n: 2 }]);
    expect(await collect(t.store.readAll({ filter: { commune: '99004' } }))).toEqual([]);
  });
});

it('uses the documented default stream', () => {
  expect(t.store.streamName).toBe(DEFAULT_STREAM_SETTINGS.streamName);
});
