import type { Batch, JetStreamClient, PubAck } from '@nats-io/jetstream';

/**
 * How many single publishes a seed keeps waiting at once where the stream takes no atomic batches. The
 * test servers fsync every message in turn (`sync_interval: always`), so thousands sent at once queue
 * behind each other, and on a loaded machine the last wait out the client's request timeout (5 s)
 * before the server reaches them.
 */
export const PUBLISH_WINDOW = 200;
/** Messages in one atomic batch: nats-server's largest (`max_batch_size`, 1,000). */
export const SEED_BATCH = 1_000;

/** A message for `publishAll`: its subject and body. */
export interface Publishable {
  readonly subject: string;
  readonly body: string | Uint8Array;
}

export interface PublishOptions {
  /** How long one acknowledgement may take (the client's default: 5 s). A busy machine's fsync can stall it. */
  readonly timeoutMs?: number;
}

/**
 * Publishes every message to JetStream in order and answers their acks in the same order — what seeds
 * a test's history (`publishInOrder`, keeping each ack).
 */
export async function publishAll(
  js: JetStreamClient,
  messages: Iterable<Publishable>,
  options: PublishOptions = {},
): Promise<PubAck[]> {
  const acks: PubAck[] = [];
  await publishInOrder(js, messages, options, (ack) => acks.push(ack));
  return acks;
}

/**
 * Publishes every message to JetStream in order, handing each ack to `onAck` as it comes — what seeds
 * a test's or a benchmark's history. Where the stream allows atomic batches (nats-server 2.12 and later,
 * decision 0019) the messages go `SEED_BATCH` at a time, one batch after the other: one flush to the
 * disk per batch instead of one per message — 100,000 generated events in 3.8 s instead of 33.7 s
 * (docs/benchmarks.md, "Seeding a history"). Elsewhere they go one by one, `PUBLISH_WINDOW` waiting at
 * once. Either way the stream holds them in the order given: batches are not sent side by side, and a
 * connection's publishes reach the server in the order they were sent. The messages are read as they
 * are sent, so a generated history is never held whole.
 */
export async function publishInOrder(
  js: JetStreamClient,
  messages: Iterable<Publishable>,
  options: PublishOptions,
  onAck: (ack: PubAck) => void,
): Promise<void> {
  const iterator = messages[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return;
  const send = (await takesAtomicBatches(js, first.value.subject)) ? inBatches : oneByOne;
  await send(js, resumed(first.value, iterator), onAck, options);
}

/** The messages again, from the one already taken (to find their stream) on. */
function* resumed(taken: Publishable, rest: Iterator<Publishable>): Generator<Publishable> {
  yield taken;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

/** Whether the stream that takes `subject` allows atomic batches; a lookup refused counts as no. */
async function takesAtomicBatches(js: JetStreamClient, subject: string): Promise<boolean> {
  try {
    const jsm = await js.jetstreamManager();
    const stream = await jsm.streams.find(subject);
    return (await jsm.streams.info(stream)).config.allow_atomic === true;
  } catch {
    return false;
  }
}

type Send = (
  js: JetStreamClient,
  messages: Iterable<Publishable>,
  onAck: (ack: PubAck) => void,
  options: PublishOptions,
) => Promise<void>;

const inBatches: Send = async (js, messages, onAck, { timeoutMs }) => {
  let batch: Publishable[] = [];
  const commit = async () => {
    if (batch.length === 1) {
      onAck(await js.publish(batch[0]!.subject, batch[0]!.body, { timeout: timeoutMs }));
    } else {
      const [start, ...middle] = batch;
      const last = middle.pop()!;
      const open: Batch = await js.startBatch(start!.subject, start!.body, { timeout: timeoutMs });
      for (const m of middle) open.add(m.subject, m.body);
      const ack = await open.commit(last.subject, last.body, { timeout: timeoutMs });
      // An atomic batch is stored contiguously, ending at the sequence its acknowledgement names.
      for (let seq = ack.seq - batch.length + 1; seq <= ack.seq; seq++)
        onAck({ stream: ack.stream, seq, duplicate: false });
    }
    batch = [];
  };
  for (const m of messages) {
    batch.push(m);
    if (batch.length === SEED_BATCH) await commit();
  }
  if (batch.length > 0) await commit();
};

const oneByOne: Send = async (js, messages, onAck, { timeoutMs }) => {
  let window: Promise<PubAck>[] = [];
  const publish = (m: Publishable) => js.publish(m.subject, m.body, { timeout: timeoutMs });
  for (const m of messages) {
    if (window.length === PUBLISH_WINDOW) {
      (await Promise.all(window)).forEach((ack) => onAck(ack));
      window = [];
    }
    window.push(publish(m));
  }
  (await Promise.all(window)).forEach((ack) => onAck(ack));
};
