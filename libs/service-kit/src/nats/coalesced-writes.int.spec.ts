import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, type RunningNats } from '@cnscd/testing';
import { coalesceWrites } from './coalesced-writes';

let nats: RunningNats;
let listener: NatsConnection;

beforeAll(async () => {
  nats = await startNatsServer();
  listener = await connect(nats.as());
  listener.subscribe('echo', { callback: (_err, m) => void m.respond(m.data) });
  await listener.flush();
});
afterAll(async () => {
  await listener?.close();
  await nats?.stop();
});

/** Counts the writes a connection hands its socket (the client's transport). */
function countWrites(nc: NatsConnection): () => number {
  const transport = (nc as unknown as { protocol: { transport: { send(frame: Uint8Array): void } } }).protocol
    .transport;
  const send = transport.send.bind(transport);
  let writes = 0;
  transport.send = (frame) => {
    writes++;
    send(frame);
  };
  return () => writes;
}

/** Messages on `subject` as the listener receives them. */
function received(subject: string, count: number): Promise<string[]> {
  const texts: string[] = [];
  return new Promise((resolve) => {
    listener.subscribe(subject, {
      max: count,
      callback: (_err, m) => {
        texts.push(m.string());
        if (texts.length === count) resolve(texts);
      },
    });
  });
}

/**
 * Publishes from three callbacks of the same turn, as three HTTP requests read together would. They are
 * immediates, not timers: Node.js runs every immediate queued before its check phase in that one phase,
 * with microtasks between them, whatever the load; three `setTimeout(…, 0)` can straddle a millisecond
 * and fall in two turns on a busy machine (CI saw three writes once).
 */
async function publishFromThreeCallbacks(nc: NatsConnection, subject: string): Promise<string[]> {
  const arrived = received(subject, 3);
  await listener.flush();
  for (const text of ['a', 'b', 'c']) setImmediate(() => nc.publish(subject, text));
  return arrived;
}

describe('a connection whose writes are coalesced', () => {
  it('sends what three callbacks of one turn published in two writes, where the client alone makes three', async () => {
    const plain = await connect(nats.as());
    const coalesced = coalesceWrites(await connect(nats.as()));
    const [plainWrites, coalescedWrites] = [countWrites(plain), countWrites(coalesced)];

    expect(await publishFromThreeCallbacks(plain, 'plain')).toEqual(['a', 'b', 'c']);
    expect(await publishFromThreeCallbacks(coalesced, 'coalesced')).toEqual(['a', 'b', 'c']);

    // The first at once, the two after it together at the end of the turn.
    expect(plainWrites()).toBe(3);
    expect(coalescedWrites()).toBe(2);
    await plain.close();
    await coalesced.close();
  });

  it('sends a lone publish at once, without waiting for the end of the turn', async () => {
    const nc = coalesceWrites(await connect(nats.as()));
    const writes = countWrites(nc);
    nc.publish('alone', 'now');
    await Promise.resolve(); // the client's own flush is a microtask queued by the publish
    expect(writes()).toBe(1);
    await nc.close();
  });

  it('still answers requests, flushes, and delivers what was published just before it closed', async () => {
    const nc = coalesceWrites(await connect(nats.as()));
    expect((await nc.request('echo', 'ping', { timeout: 2_000 })).string()).toBe('ping');
    await nc.flush();
    const last = received('last', 1);
    await listener.flush();
    nc.publish('last', 'sent before close');
    await nc.close();
    expect(await last).toEqual(['sent before close']);
  });
});
