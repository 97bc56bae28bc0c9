import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { startNatsServer, type RunningNats } from '@cnscd/testing';
import {
  CommandIdConflictError,
  EventStore,
  UpcasterRegistry,
  WrongExpectedRevisionError,
  ensureEventStream,
  DEFAULT_STREAM_SETTINGS,
  type AppendMetadata,
  type EventBatch,
  type StreamRef,
} from './index';

let nats: RunningNats;
let nc: NatsConnection;
let store: EventStore;

const COMMUNE = '99001';
const aVisit = (): StreamRef => ({
  commune: COMMUNE,
  context: 'outreach',
  aggregateType: 'visit',
  aggregateId: randomUUID(),
});
const meta = (overrides: Partial<AppendMetadata> = {}): AppendMetadata => ({
  commandId: randomUUID(),
  commandHash: 'hash-a',
  actor: { organisationId: 'org-thon-1', userId: 'user-1' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  trace: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  occurredAt: '2026-03-02T08:00:00.000Z',
  ...overrides,
});
const logged = (n: number) => ({ type: 'VisitLogged', data: { n } });

async function collect(batches: AsyncIterable<EventBatch>): Promise<EventBatch[]> {
  const all: EventBatch[] = [];
  for await (const b of batches) all.push(b);
  return all;
}

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ ...nats.as(), reconnectTimeWait: 100, maxReconnectAttempts: -1 });
  await ensureEventStream(nc);
  store = await EventStore.create(nc);
});
afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

describe('appending', () => {
  it('puts all events of one command in one commit and reads them back at once, with the full envelope', async () => {
    const stream = aVisit();
    const metadata = meta();
    const before = Date.now();
    const result = await store.append(
      stream,
      0,
      [logged(1), { ...logged(2), occurredAt: '2026-03-01T00:00:00.000Z' }],
      metadata,
    );
    const history = await store.readStream(stream);

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
    const { position } = await store.append(stream, 0, [logged(0)], meta());

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append(stream, position, [logged(i + 1)], meta())),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream(stream)).events).toHaveLength(2);
  });

  it('refuses to create an aggregate that already exists (expected revision 0)', async () => {
    const stream = aVisit();
    await store.append(stream, 0, [logged(1)], meta());
    await expect(store.append(stream, 0, [logged(2)], meta())).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });

  it('answers a resent command id with the original commit and writes nothing new', async () => {
    const stream = aVisit();
    const metadata = meta();
    const first = await store.append(stream, 0, [logged(1)], metadata);
    const again = await store.append(stream, 0, [logged(1)], metadata);

    expect(again).toEqual({ position: first.position, duplicate: true, eventIds: first.eventIds });
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  it('treats the same command id with other content as a conflict', async () => {
    const stream = aVisit();
    const metadata = meta();
    await store.append(stream, 0, [logged(1)], metadata);
    await expect(
      store.append(stream, 'any', [logged(9)], { ...metadata, commandHash: 'hash-b' }),
    ).rejects.toBeInstanceOf(CommandIdConflictError);
    await expect(store.append(aVisit(), 0, [logged(1)], metadata)).rejects.toBeInstanceOf(
      CommandIdConflictError,
    );
  });

  it('never lets an event be deleted or the stream purged', async () => {
    const stream = aVisit();
    const { position } = await store.append(stream, 0, [logged(1)], meta());
    const jsm = await jetstreamManager(nc);
    await expect(jsm.streams.deleteMessage(store.streamName, position)).rejects.toThrow();
    await expect(jsm.streams.purge(store.streamName)).rejects.toThrow();
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });
});

describe('reading', () => {
  it('applies registered upcasters on read without touching what is stored', async () => {
    const upcasters = new UpcasterRegistry()
      .register('TopicsGuided', 1, (d) => ({ topics: [(d as { topic: number }).topic] }))
      .register('TopicsGuided', 2, (d) => ({ ...(d as object), note: null }));
    const upcasting = await EventStore.create(nc, {}, upcasters);
    const stream = aVisit();
    await store.append(stream, 0, [{ type: 'TopicsGuided', data: { topic: 5 }, schemaVersion: 1 }], meta());

    const [event] = (await upcasting.readStream(stream)).events;
    expect(event!.schemaVersion).toBe(3);
    expect(event!.data).toEqual({ topics: [5], note: null });
    expect((await store.readStream(stream)).events[0]!.data).toEqual({ topic: 5 });
  });

  it('reads everything of one commune from a position, then ends', async () => {
    const commune = '99002';
    const positions: number[] = [];
    for (let i = 0; i < 5; i++) {
      const stream = { ...aVisit(), commune };
      positions.push((await store.append(stream, 0, [logged(i)], meta())).position);
    }
    await store.append(aVisit(), 0, [logged(99)], meta());

    const fromStart = (await collect(store.readAll({ filter: { commune }, batchSize: 2 }))).flatMap(
      (b) => b.events,
    );
    expect(fromStart.map((e) => e.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));

    const fromThird = (await collect(store.readAll({ filter: { commune }, after: positions[2] }))).flatMap(
      (b) => b.events,
    );
    expect(fromThird.map((e) => e.position)).toEqual(positions.slice(3));
  });

  it('reads from a time: only commits recorded at or after it', async () => {
    const commune = '99003';
    await store.append({ ...aVisit(), commune }, 0, [logged(1)], meta());
    await new Promise((r) => setTimeout(r, 50));
    const cut = new Date();
    await store.append({ ...aVisit(), commune }, 0, [logged(2)], meta());

    const events = (await collect(store.readAll({ filter: { commune }, fromTime: cut }))).flatMap(
      (b) => b.events,
    );
    expect(events.map((e) => e.data)).toEqual([{ n: 2 }]);
    expect(await collect(store.readAll({ filter: { commune: '99004' } }))).toEqual([]);
  });
});

it('uses the documented default stream', () => {
  expect(store.streamName).toBe(DEFAULT_STREAM_SETTINGS.streamName);
});
