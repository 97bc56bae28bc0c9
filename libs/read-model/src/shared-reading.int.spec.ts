// Long: one NATS server and database serve every scenario of the shared reading (members narrower than it,
// joining behind it, leaving it, far behind it); they share the helpers that publish commits and start runners.
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { publishAll } from '@cnscd/testing';
import type { EventBatch, EventStore, RecordedEvent } from '@cnscd/event-store';
import { streamAndReadModel, type StreamAndReadModel } from './testing/stream-and-read-model';
import {
  readCheckpoint,
  ProjectionRunner,
  SharedReading,
  type Projection,
  type ReadModelDatabase,
} from './index';

let env: StreamAndReadModel<unknown>;
let nc: NatsConnection;
let store: EventStore;
let rm: ReadModelDatabase<unknown>;
const runners: ProjectionRunner<unknown>[] = [];

let commune = '98000';
beforeEach(() => (commune = String(Number(commune) + 1)));

/** A commit of one event on a record of `aggregateType` in the commune's outreach context. */
async function publish(aggregateType: string, tag: string) {
  const subject = `cnscd.evt.${commune}.outreach.${aggregateType}.${randomUUID()}`;
  return (await jetstream(nc).publish(subject, JSON.stringify(commitOf(tag)))).seq;
}

/** A commit body holding one event tagged `tag`. */
function commitOf(tag: string) {
  return {
    v: 1,
    meta: {
      commandId: randomUUID(),
      commandHash: 'h',
      actor: { organisationId: 'org', userId: 'user' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
    events: [{ id: randomUUID(), type: 'Noted', sv: 1, at: new Date().toISOString(), data: { tag } }],
  };
}

/** A projection that only remembers the tags of the events it was given, in order. */
function recording(aggregateType?: string) {
  const seen: string[] = [];
  const projection: Projection<unknown> = {
    name: `recording-${randomUUID()}`,
    filter: { commune, context: 'outreach', aggregateType },
    apply: async (_trx, events: readonly RecordedEvent[]) => {
      for (const e of events) seen.push((e.data as { tag: string }).tag);
    },
  };
  return { projection, seen };
}

function runner(projection: Projection<unknown>, reading: SharedReading, logged: string[] = []) {
  const r = new ProjectionRunner(store, rm.db, projection, {
    reading,
    retryDelayMs: 50,
    logger: { log: (m) => logged.push(m), error: (m) => logged.push(m) },
  });
  runners.push(r);
  r.start();
  return r;
}

/** The store, counting the consumers it opened and the events they read and decoded. */
function countingReads(of: EventStore) {
  let [events, consumers] = [0, 0];
  const counted = Object.create(of) as EventStore;
  counted.subscribe = (options) => {
    consumers++;
    const subscription = of.subscribe(options);
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        for await (const batch of subscription) {
          events += batch.events.length;
          yield batch;
        }
      },
    };
  };
  return { store: counted, read: () => events, opened: () => consumers };
}

async function untilLive(...some: ProjectionRunner<unknown>[]) {
  for (const deadline = Date.now() + 10_000; !some.every((r) => r.isLive);) {
    if (Date.now() > deadline) throw new Error('not live');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  env = await streamAndReadModel('shared_reading');
  ({ nc, store, rm } = env);
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});
afterAll(() => env.stop());

describe('projections sharing one reading of their context', () => {
  it('are fed by one consumer, each with the events under its own filter, in order and once', async () => {
    const reads = countingReads(store);
    const reading = new SharedReading(reads.store, { commune, context: 'outreach' });
    const everything = recording();
    const visitsOnly = recording('visit');
    const all = runner(everything.projection, reading);
    const visits = runner(visitsOnly.projection, reading);
    await untilLive(all, visits);
    const positions = [
      await publish('visit', 'v1'),
      await publish('resident', 'r1'),
      await publish('visit', 'v2'),
      await publish('household', 'h1'),
    ];
    const last = positions.at(-1)!;

    expect(await all.waitFor(last, 10_000)).toBe(true);
    expect(await visits.waitFor(last, 10_000)).toBe(true);

    expect(everything.seen).toEqual(['v1', 'r1', 'v2', 'h1']);
    expect(visitsOnly.seen).toEqual(['v1', 'v2']);
    // Each commit read and decoded once, where a consumer per projection would have read six.
    expect(reads.read()).toBe(positions.length);
  });

  it('moves every member to the stream position, whether or not the batch held anything for it', async () => {
    const reading = new SharedReading(store, { commune, context: 'outreach' });
    const visitsOnly = recording('visit');
    const visits = runner(visitsOnly.projection, reading);
    const everything = runner(recording().projection, reading);
    await publish('visit', 'v1');
    const lastResident = await publish('resident', 'r1');

    expect(await everything.waitFor(lastResident, 10_000)).toBe(true);
    expect(await visits.waitFor(lastResident, 10_000)).toBe(true);
    expect(visits.checkpoint).toBe(lastResident);
    expect(visitsOnly.seen).toEqual(['v1']);
  });

  it('hands a member that joins behind the others what it missed, and the others nothing twice', async () => {
    const reading = new SharedReading(store, { commune, context: 'outreach' });
    const early = recording();
    const first = runner(early.projection, reading);
    const before = [await publish('visit', 'a'), await publish('visit', 'b')];
    expect(await first.waitFor(before.at(-1)!, 10_000)).toBe(true);

    const late = recording();
    const second = runner(late.projection, reading);
    const after = await publish('visit', 'c');

    expect(await second.waitFor(after, 10_000)).toBe(true);
    expect(await first.waitFor(after, 10_000)).toBe(true);
    expect(late.seen).toEqual(['a', 'b', 'c']);
    expect(early.seen).toEqual(['a', 'b', 'c']);
    expect(second.isLive).toBe(true);
  });

  it('goes on for the others when one member stops, and lets a member read again from its checkpoint', async () => {
    const reading = new SharedReading(store, { commune, context: 'outreach' });
    const staying = recording();
    const leaving = recording();
    const stays = runner(staying.projection, reading);
    const leaves = runner(leaving.projection, reading);
    const first = await publish('visit', 'a');
    expect(await leaves.waitFor(first, 10_000)).toBe(true);
    await leaves.stop();

    const second = await publish('visit', 'b');
    expect(await stays.waitFor(second, 10_000)).toBe(true);
    expect(staying.seen).toEqual(['a', 'b']);

    // The same projection started again: it reads on after its stored checkpoint.
    expect(await readCheckpoint(rm.db, leaving.projection.name)).toBeLessThanOrEqual(first);
    const again = runner(leaving.projection, reading);
    expect(await again.waitFor(second, 10_000)).toBe(true);
    expect(leaving.seen.filter((t) => t === 'b')).toEqual(['b']);
    expect(staying.seen).toEqual(['a', 'b']);
  });

  it('lets a member far behind catch up on its own, so that the others do not wait for it', async () => {
    const reading = new SharedReading(store, { commune, context: 'outreach' });
    const ahead = recording();
    const firstLogged: string[] = [];
    const first = runner(ahead.projection, reading, firstLogged);
    const history = await publishAll(
      jetstream(nc),
      Array.from({ length: 2_500 }, (_, i) => ({
        subject: `cnscd.evt.${commune}.outreach.visit.${randomUUID()}`,
        body: JSON.stringify(commitOf(`old-${i}`)),
      })),
    );
    expect(await first.waitFor(Math.max(...history.map((a) => a.seq)), 20_000)).toBe(true);

    // A projection renamed to be rebuilt: its first batch is held until the end of the test.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const applying = new Promise<void>((resolve) => (entered = resolve));
    const rebuilt: string[] = [];
    const slow = runner(
      {
        ...recording().projection,
        apply: async (_trx, events) => {
          entered();
          await held;
          for (const e of events) rebuilt.push((e.data as { tag: string }).tag);
        },
      },
      reading,
    );
    await applying;
    const fresh = await publish('visit', 'fresh');
    try {
      expect(await first.waitFor(fresh, 10_000)).toBe(true);
      expect(ahead.seen.at(-1)).toBe('fresh');
      // Handed it by the reading, not by reading again on its own after a stall (STALLED_CONSUMER_MS).
      expect(firstLogged.filter((m) => m.includes('received nothing'))).toEqual([]);
      expect(rebuilt).toEqual([]);
    } finally {
      release(); // else the held runner never stops
    }
    expect(await slow.waitFor(fresh, 20_000)).toBe(true);
    expect(rebuilt).toHaveLength(2_501);
    expect(rebuilt.at(-1)).toBe('fresh');
  }, 60_000);

  it('tells a member joining where the caught-up reading stands that it is live, without reading again', async () => {
    const reads = countingReads(store);
    const reading = new SharedReading(reads.store, { commune, context: 'outreach' });
    await publish('visit', 'a');
    const head = await store.lastPosition();
    const first = reading.subscribe({ after: head, filter: { commune, context: 'outreach' } });
    expect((await first[Symbol.asyncIterator]().next()).value).toMatchObject({
      position: head,
      caughtUp: true,
    });

    const second = reading.subscribe({
      after: head,
      filter: { commune, context: 'outreach', aggregateType: 'visit' },
    });
    const told = await second[Symbol.asyncIterator]().next();

    expect(told.value).toEqual({ events: [], unreadable: [], position: head, caughtUp: true });
    expect(reads.opened()).toBe(1);
    first.close();
    second.close();
  });

  it('reads again through a new consumer when a member that left joins again where the reading stands', async () => {
    // A runner takes the reading for stalled when its write waits and nothing comes (a cluster whose
    // stream leader was killed): it leaves and joins again at its checkpoint, where the reading stands.
    const reads = countingReads(store);
    const reading = new SharedReading(reads.store, { commune, context: 'outreach' });
    await publish('visit', 'before');
    const head = await store.lastPosition();
    const filter = { commune, context: 'outreach' } as const;
    const other = reading.subscribe({ after: head, filter });
    const otherBatches = other[Symbol.asyncIterator]();
    await otherBatches.next(); // caught up
    const leaving = reading.subscribe({ after: head, filter });
    await leaving[Symbol.asyncIterator]().next();
    expect(reads.opened()).toBe(1);

    leaving.close();
    const back = reading.subscribe({ after: head, filter });
    await publish('visit', 'after');

    expect(reads.opened()).toBe(2);
    // The member that stayed sees what came next, once, through the new consumer.
    const seen: string[] = [];
    while (seen.length === 0) {
      const { value } = await otherBatches.next();
      seen.push(...(value as EventBatch).events.map((e) => (e.data as { tag: string }).tag));
    }
    expect(seen).toEqual(['after']);
    other.close();
    back.close();
  });

  it('refuses a member whose filter reaches outside the reading', () => {
    const reading = new SharedReading(store, { commune, context: 'outreach' });
    expect(reading.covers({ commune, context: 'training' })).toBe(false);
    expect(reading.covers({ commune, context: 'outreach', aggregateType: 'visit' })).toBe(true);
    expect(() => reading.subscribe({ filter: { context: 'outreach' } })).toThrow(/cannot serve/);
  });
});
