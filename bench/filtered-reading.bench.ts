/**
 * Reading part of the stream (a projection's filter), beside raw JetStream in the same run: an
 * unfiltered ordered consumer over the whole stream (the baseline), the same consumer with nats-server
 * applying the filter (what every reader did until 2026-12-03), and the event store's `readAll` with the
 * filter (`libs/event-store/src/ordered-reader.ts` picks the server or the client). The stream holds
 * BENCH_FILTERED_COMMUNES communes' generated histories (BENCH_FILTERED_EVENTS events in all), one commit
 * of each in turn, as a province's communes record side by side.
 */
import { DeliverPolicy, jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EventStore, ensureEventStream, filterSubject, type StreamFilter } from '@cnscd/event-store';
import { startNatsServer } from '@cnscd/testing';
import { generateHistory, type GeneratedCommit } from '../services/indicators/src/testing/generate-history';
import { publishCommits } from '../services/indicators/src/testing/publish-commits';

const EVENTS = Number(process.env.BENCH_FILTERED_EVENTS ?? 200_000);
const COMMUNES = Array.from({ length: Number(process.env.BENCH_FILTERED_COMMUNES ?? 4) }, (_, i) =>
  String(99001 + i),
);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function* sideBySide(histories: Iterator<GeneratedCommit>[]): Generator<GeneratedCommit> {
  for (let left = histories.length; left > 0;) {
    left = 0;
    for (const history of histories) {
      const next = history.next();
      if (next.done) continue;
      left++;
      yield next.value;
    }
  }
}

/** Seconds for an ordered consumer to deliver every message of `filter` (all, without one), each parsed. */
async function raw(
  js: JetStreamClient,
  stream: string,
  filter?: string,
): Promise<{ seconds: number; messages: number }> {
  const start = process.hrtime.bigint();
  const consumer = await js.consumers.get(stream, {
    deliver_policy: DeliverPolicy.All,
    ...(filter ? { filter_subjects: filter } : {}),
  });
  const total = (await consumer.info(true)).num_pending;
  const messages = await consumer.consume({ max_messages: 1000 });
  let n = 0;
  for await (const m of messages) {
    JSON.parse(m.string());
    if (++n >= total) break;
  }
  await consumer.delete().catch(() => undefined);
  return { seconds: seconds(start), messages: n };
}

async function ours(store: EventStore, filter: StreamFilter): Promise<number> {
  const start = process.hrtime.bigint();
  for await (const batch of store.readAll({ filter, batchSize: 500 })) void batch;
  return seconds(start);
}

// Long: a benchmark's main is its measurements in the order they run, each printed beside its baseline.
async function main() {
  const nats = await startNatsServer();
  const nc = await connect(nats.as());
  try {
    await ensureEventStream(nc);
    const store = await EventStore.create(nc);
    const js = jetstream(nc);
    const histories = COMMUNES.map((commune, i) =>
      generateHistory({ totalEvents: EVENTS / COMMUNES.length, commune, seed: i + 1 })[Symbol.iterator](),
    );
    const events = await publishCommits(js, sideBySide(histories));
    const commits = await store.lastPosition();
    console.error(`seeded ${commits} commits (${events} events) of ${COMMUNES.length} communes`);

    const filters: { name: string; filter: StreamFilter }[] = [
      { name: 'one context (outreach)', filter: { context: 'outreach' } },
      { name: 'one commune', filter: { commune: COMMUNES[0]! } },
      { name: "one commune's outreach", filter: { commune: COMMUNES[0]!, context: 'outreach' } },
      { name: 'one context (merchants)', filter: { context: 'merchants' } },
    ];
    const rows = [];
    for (const { name, filter } of filters) {
      const whole = await raw(js, store.streamName);
      const server = await raw(js, store.streamName, filterSubject(filter));
      const cnscd = await ours(store, filter);
      const row = {
        name,
        share: server.messages / commits,
        whole: whole.seconds,
        server: server.seconds,
        cnscd,
      };
      console.error(JSON.stringify(row));
      rows.push(row);
    }
    console.log(JSON.stringify({ events, commits, communes: COMMUNES.length, rows }));
  } finally {
    await nc.close();
    await nats.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
