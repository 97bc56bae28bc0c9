import { jetstreamManager } from '@nats-io/jetstream';
import { aVisit, logged, meta, storeUnderTest } from './testing/store-under-test';

const t = storeUnderTest();

describe('subscribing', () => {
  it('resumes from its stored checkpoint after a restart, without loss or repetition', async () => {
    const commune = '99005';
    const append = (n: number) => t.store.append(aVisit(commune), 0, [logged(n)], meta());
    for (let n = 1; n <= 3; n++) await append(n);

    const seen: number[] = [];
    let checkpoint = 0;
    const first = t.store.subscribe({ filter: { commune }, batchSize: 2 });
    for await (const batch of first) {
      seen.push(...batch.events.map((e) => (e.data as { n: number }).n));
      checkpoint = batch.position;
      if (seen.length >= 3) break;
    }

    for (let n = 4; n <= 6; n++) await append(n);
    await t.nats.restart();
    await waitForReconnect();
    for (let n = 7; n <= 8; n++) await append(n);

    for await (const batch of t.store.subscribe({ filter: { commune }, after: checkpoint })) {
      seen.push(...batch.events.map((e) => (e.data as { n: number }).n));
      if (seen.length >= 8) break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('hands over what arrived while the subscriber was busy as one batch, not one batch per event', async () => {
    const commune = '99006';
    const append = (n: number) => t.store.append(aVisit(commune), 0, [logged(n)], meta());
    await append(1);
    const sizes: number[] = [];
    for await (const batch of t.store.subscribe({ filter: { commune }, batchSize: 100 })) {
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
  const jsm = await jetstreamManager(t.nc, { timeout: 300, checkAPI: false });
  for (let i = 0; i < 100; i++) {
    try {
      await jsm.streams.info(t.store.streamName);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('NATS did not come back');
}
