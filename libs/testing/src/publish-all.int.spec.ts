import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { startNatsServer, type RunningNats } from './nats-server';
import { publishAll, PUBLISH_WINDOW, SEED_BATCH } from './publish-all';

let nats: RunningNats;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect(nats.as('ops'));
  jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'SEED_ATOMIC', subjects: ['seed.atomic.>'], allow_atomic: true });
  await jsm.streams.add({ name: 'SEED_PLAIN', subjects: ['seed.plain.>'] });
});
afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

const messages = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ subject: `${prefix}.${i % 7}`, body: `message ${i}` }));

/** What the stream holds, in its order: each message's body and its atomic batch id, if it has one. */
async function stored(stream: string) {
  const { messages: count } = (await jsm.streams.info(stream)).state;
  const held: { body: string; batch: string | undefined }[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const m = (await jsm.streams.getMessage(stream, { seq }))!;
    held.push({ body: m.string(), batch: m.header?.get('Nats-Batch-Id') || undefined });
  }
  return held;
}

it('publishes in order, in atomic batches of at most a thousand where the stream allows them, each acked at its place', async () => {
  const sent = messages('seed.atomic', 2 * SEED_BATCH + 1);
  const acks = await publishAll(jetstream(nc), sent);

  expect(acks.map((a) => a.seq)).toEqual(sent.map((_, i) => i + 1));
  const held = await stored('SEED_ATOMIC');
  expect(held.map((m) => m.body)).toEqual(sent.map((m) => m.body));
  // Two batches of a thousand; the one left over goes alone, as a plain publish.
  const batches = new Set(held.map((m) => m.batch));
  expect(batches.size).toBe(3);
  expect(held[0]!.batch).toBe(held[SEED_BATCH - 1]!.batch);
  expect(held[SEED_BATCH]!.batch).not.toBe(held[0]!.batch);
  expect(held.at(-1)!.batch).toBeUndefined();
});

it('publishes one by one, in order, where the stream takes no atomic batches', async () => {
  const sent = messages('seed.plain', PUBLISH_WINDOW * 2 + 3);
  const acks = await publishAll(jetstream(nc), sent);

  expect(acks.map((a) => a.seq)).toEqual(sent.map((_, i) => i + 1));
  const held = await stored('SEED_PLAIN');
  expect(held).toEqual(sent.map((m) => ({ body: m.body, batch: undefined })));
});

it('publishes nothing for no messages', async () => {
  expect(await publishAll(jetstream(nc), [])).toEqual([]);
});
