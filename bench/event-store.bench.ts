/**
 * Event-store benchmark: each figure beside raw JetStream doing the same work, in the same run, on
 * the same nats-server (project config: fsync before every ack). Run with `npm run bench`.
 * Long: each scenario's raw side and ours next to each other, in the order the run takes them.
 */
import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { Decider } from '@cnscd/decider';
import {
  EventStore,
  ensureEventStream,
  handleCommand,
  type AppendMetadata,
  type StreamRef,
} from '@cnscd/event-store';
import { CommandIdIndex, migrate, openDatabase } from '@cnscd/read-model';
import { createTestDatabase, startNatsServer } from '@cnscd/testing';
import { closedLoop } from './load';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const WRITERS = 32;
const PER_WRITER = Number(process.env.BENCH_PER_WRITER ?? 125);
const REPLAY = Number(process.env.BENCH_REPLAY ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const AGGREGATES = Number(process.env.BENCH_AGGREGATES ?? 2000);
/** A resident registered, then confirmed for two indicators, then a third: four commits. */
const COMMITS_EACH = 4;

const visitData = {
  visitId: randomUUID(),
  villageCode: 'thon-1',
  householdId: randomUUID(),
  organisationId: 'to-cnscd-thon-1',
  topics: ['vneid', 'e-health-record'],
  residentsGuided: ['a'.repeat(64), 'b'.repeat(64)],
  followUp: null,
  note: null,
};
const metadata = (): AppendMetadata => ({
  commandId: randomUUID(),
  commandHash: 'x'.repeat(43),
  actor: { organisationId: 'to-cnscd-thon-1', userId: 'bench' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  trace: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  occurredAt: '2026-03-02T08:30:00+07:00',
});
/** The same bytes our store writes, so raw and ours move equal payloads. */
const rawBody = () =>
  JSON.stringify({
    v: 1,
    meta: metadata(),
    events: [
      { id: randomUUID(), type: 'VisitLogged', sv: 1, at: '2026-03-02T08:30:00+07:00', data: visitData },
    ],
  });

const ref = (id: string): StreamRef => ({
  commune: '99001',
  context: 'bench',
  aggregateType: 'visit',
  aggregateId: id,
});
const subject = (id: string) => `cnscd.evt.99001.bench.visit.${id}`;

async function timed(work: () => Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  const count = await work();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

// ── Appends ────────────────────────────────────────────────────────────────────────────────────
async function rawSequential(js: JetStreamClient, n: number, id = randomUUID()): Promise<number> {
  let last = 0;
  for (let i = 0; i < n; i++) {
    last = (
      await js.publish(subject(id), rawBody(), { msgID: randomUUID(), expect: { lastSubjectSequence: last } })
    ).seq;
  }
  return n;
}
async function storeSequential(store: EventStore, n: number, id = randomUUID()): Promise<number> {
  let revision = 0;
  for (let i = 0; i < n; i++) {
    revision = (await store.append(ref(id), revision, [{ type: 'VisitLogged', data: visitData }], metadata()))
      .position;
  }
  return n;
}
// ── Commands ───────────────────────────────────────────────────────────────────────────────────
/** A visit logged once: each command a new aggregate, as the field's visits are. */
const visitOnce: Decider<object, boolean, { type: 'VisitLogged'; data: typeof visitData }> = {
  initialState: () => false,
  evolve: () => true,
  decide: (_command, logged) => (logged ? [] : [{ type: 'VisitLogged', data: visitData }]),
};
/** `handleCommand` as services run it: load ∥ command-id check, decide, append (`expectNew`: no load). */
async function commands(store: EventStore, n: number, expectNew = false): Promise<number> {
  for (let i = 0; i < n; i++) {
    const { commandId, actor, correlationId, causationId, occurredAt } = metadata();
    const outcome = await handleCommand(store, {
      stream: ref(randomUUID()),
      decider: visitOnce,
      commandType: 'LogVisit',
      command: {},
      context: { commandId, actor, correlationId, causationId, occurredAt },
      expectNew,
    });
    if (outcome.status !== 'appended') throw new Error(`not appended: ${outcome.status}`);
  }
  return n;
}
const concurrently = (writer: () => Promise<number>) => async () =>
  (await Promise.all(Array.from({ length: WRITERS }, writer))).reduce((a, b) => a + b, 0);

// ── Reading one aggregate ──────────────────────────────────────────────────────────────────────
/** Aggregates of `COMMITS_EACH` commits, each stored after commits of the others (as a resident's are). */
async function seedAggregates(store: EventStore, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  const revisions = new Map(ids.map((id) => [id, 0]));
  for (let c = 0; c < COMMITS_EACH; c++)
    for (let i = 0; i < n; i += WRITERS)
      await Promise.all(
        ids.slice(i, i + WRITERS).map(async (id) => {
          const { position } = await store.append(
            ref(id),
            revisions.get(id)!,
            [{ type: 'VisitLogged', data: visitData }],
            metadata(),
          );
          revisions.set(id, position);
        }),
      );
  return ids;
}
/** Every aggregate read by `WRITERS` readers at once; answers the commits read. */
async function loadAll(ids: readonly string[], load: (id: string) => Promise<number>): Promise<number> {
  let next = 0;
  let read = 0;
  const run = await closedLoop(ids.length, WRITERS, async () => {
    const commits = await load(ids[next++]!);
    read += commits; // not `read += await …`: that adds to the value read before the wait
    return true;
  });
  if (run.failed > 0) throw new Error(`reads failed: ${JSON.stringify(run.failures)}`);
  return read;
}
/** Raw JetStream's way to read one subject's messages by request: each the next on the subject. */
async function rawLoad(jsm: JetStreamManager, streamName: string, id: string): Promise<number> {
  let read = 0;
  for (let seq = 1; ; read++) {
    const msg = await jsm.streams.getMessage(streamName, { seq, next_by_subj: subject(id) } as never);
    if (!msg) return read;
    JSON.parse(msg.string());
    seq = msg.seq + 1;
  }
}

// ── Replay ─────────────────────────────────────────────────────────────────────────────────────
async function rawReplay(js: JetStreamClient, streamName: string, total: number): Promise<number> {
  const consumer = await js.consumers.get(streamName, { deliver_policy: DeliverPolicy.All });
  const messages = await consumer.consume({ max_messages: 1000 });
  let n = 0;
  let sink = 0;
  for await (const m of messages) {
    sink += (JSON.parse(m.string()) as { events: unknown[] }).events.length;
    if (++n >= total) break;
  }
  if (sink === 0) throw new Error('nothing replayed');
  return n;
}
async function storeReplay(store: EventStore): Promise<number> {
  let n = 0;
  for await (const batch of store.readAll({ batchSize: 1000 })) n += batch.events.length;
  return n;
}

async function seedForReplay(js: JetStreamClient, target: number, have: number): Promise<void> {
  const inFlight: Promise<unknown>[] = [];
  for (let i = have; i < target; i++) {
    inFlight.push(js.publish(subject(randomUUID()), rawBody()));
    if (inFlight.length >= 512) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function compare(
  name: string,
  goal: number | null,
  raw: () => Promise<number>,
  ours: () => Promise<number>,
) {
  const r: number[] = [];
  const o: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate the order so neither side always runs on a warmer server.
    if (i % 2 === 0) {
      r.push(await timed(raw));
      o.push(await timed(ours));
    } else {
      o.push(await timed(ours));
      r.push(await timed(raw));
    }
  }
  if (process.env.BENCH_VERBOSE) console.error(name, 'raw', r.map(Math.round), 'ours', o.map(Math.round));
  const row = { name, raw: median(r), ours: median(o), ratio: median(o) / median(r), goal };
  console.error(
    `${name.padEnd(52)} raw ${row.raw.toFixed(0).padStart(8)}/s  ours ${row.ours.toFixed(0).padStart(8)}/s  ${(row.ratio * 100).toFixed(0)}%${goal === null ? '' : ` (goal ≥ ${goal * 100}%)`}`,
  );
  return row;
}

// Long: a benchmark's main is its measurements in the order they run, each printed beside its baseline.
async function main() {
  const nats = await startNatsServer();
  const nc: NatsConnection = await connect(nats.as());
  try {
    await ensureEventStream(nc);
    const store = await EventStore.create(nc);
    const js = jetstream(nc);
    const rows = [
      await compare(
        `append, sequential, expected revision (${SEQUENTIAL} events)`,
        0.8,
        () => rawSequential(js, SEQUENTIAL),
        () => storeSequential(store, SEQUENTIAL),
      ),
      await compare(
        `append, ${WRITERS} concurrent writers (${WRITERS * PER_WRITER} events)`,
        0.8,
        concurrently(() => rawSequential(js, PER_WRITER)),
        concurrently(() => storeSequential(store, PER_WRITER)),
      ),
    ];
    // The same commands without and with the service's command-id index (PostgreSQL): its cost.
    const database = await createTestDatabase('bench');
    const rm = await openDatabase({ url: database.url });
    await migrate(rm.db as never, {});
    const indexed = await EventStore.create(nc);
    const { runner } = CommandIdIndex.follow(indexed, rm.db, 'bench');
    await indexed.commandIds!.find('99001', randomUUID()); // waits until the index has read the stream
    rows.push(
      await compare(
        `command: load, decide, append (${SEQUENTIAL} commands)`,
        null,
        () => rawSequential(js, SEQUENTIAL),
        () => commands(store, SEQUENTIAL),
      ),
      await compare(
        `command + its id kept for ever (PostgreSQL) (${SEQUENTIAL} commands)`,
        null,
        () => rawSequential(js, SEQUENTIAL),
        () => commands(indexed, SEQUENTIAL),
      ),
      await compare(
        `command on a new record, no load (expectNew) (${SEQUENTIAL} commands)`,
        null,
        () => rawSequential(js, SEQUENTIAL),
        () => commands(indexed, SEQUENTIAL, true),
      ),
    );
    await runner.stop();
    await rm.close();
    await database.drop();
    const aggregates = await seedAggregates(store, AGGREGATES);
    const jsm = await jetstreamManager(nc);
    rows.push(
      await compare(
        `read one aggregate of ${COMMITS_EACH} commits, ${WRITERS} readers (${AGGREGATES} aggregates)`,
        null,
        () => loadAll(aggregates, (id) => rawLoad(jsm, store.streamName, id)),
        () => loadAll(aggregates, async (id) => (await store.readStream(ref(id))).events.length),
      ),
    );
    const have = await store.lastPosition();
    await seedForReplay(js, REPLAY, have);
    const total = await store.lastPosition();
    rows.push(
      await compare(
        `full replay, decode to events (${total} commits)`,
        0.7,
        () => rawReplay(js, store.streamName, total),
        () => storeReplay(store),
      ),
    );
    const memory = process.memoryUsage();
    console.log(
      JSON.stringify({
        rows,
        rssMiB: memory.rss / 2 ** 20,
        natsServer: process.env.CNSCD_NATS_SERVER,
        rounds: ROUNDS,
      }),
    );
  } finally {
    await nc.close();
    await nats.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
