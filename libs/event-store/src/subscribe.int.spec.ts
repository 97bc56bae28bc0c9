import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { startNatsServer, type RunningNats } from '@cnscd/testing';
import { EventStore, ensureEventStream, type AppendMetadata, type StreamRef } from './index';

let nats: RunningNats;
let nc: NatsConnection;
let store: EventStore;

const aVisit = (commune: string): StreamRef => ({
  commune,
  context: 'outreach',
  aggregateType: 'visit',
  aggregateId: randomUUID(),
});
const meta = (): AppendMetadata => ({
  commandId: randomUUID(),
  commandHash: 'hash-a',
  actor: { organisationId: 'org-thon-1', userId: 'user-1' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2026-03-02T08:00:00.000Z',
});
const logged = (n: number) => ({ type: 'VisitLogged', data: { n } });

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

describe('subscribing', () => {
  it('resumes from its stored checkpoint after a restart, without loss or repetition', async () => {
    const commune = '99005';
    const append = (n: number) => store.append(aVisit(commune), 0, [logged(n)], meta());
    for (let n = 1; n <= 3; n++) await append(n);

    const seen: number[] = [];
    let checkpoint = 0;
    const first = store.subscribe({ filter: { commune }, batchSize: 2 });
    for await (const batch of first) {
      seen.push(...batch.events.map((e) => (e.data as { n: number }).n));
      checkpoint = batch.position;
      if (seen.length >= 3) break;
    }

    for (let n = 4; n <= 6; n++) await append(n);
    await nats.restart();
    await waitForReconnect();
    for (let n = 7; n <= 8; n++) await append(n);

    for await (const batch of store.subscribe({ filter: { commune }, after: checkpoint })) {
      seen.push(...batch.events.map((e) => (e.data as { n: number }).n));
      if (seen.length >= 8) break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('hands over what arrived while the subscriber was busy as one batch, not one batch per event', async () => {
    const commune = '99006';
    const append = (n: number) => store.append(aVisit(commune), 0, [logged(n)], meta());
    await append(1);
    const sizes: number[] = [];
    for await (const batch of store.subscribe({ filter: { commune }, batchSize: 100 })) {
      sizes.push(batch.events.length);
      if (sizes.length === 1) {
        // Busy with the first batch (a projection's transaction) while 20 more events are appended
        // and delivered.
        for (let n = 2; n <= 21; n++) await append(n);
        await new Promise((r) => setTimeout(r, 300));
      }
      if (sizes.reduce((a, b) => a + b, 0) >= 21) break;
    }
    expect(sizes).toEqual([1, 20]);
  });
});

async function waitForReconnect(): Promise<void> {
  const jsm = await jetstreamManager(nc, { timeout: 300, checkAPI: false });
  for (let i = 0; i < 100; i++) {
    try {
      await jsm.streams.info(store.streamName);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('NATS did not come back');
}
