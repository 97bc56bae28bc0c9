// Test fixtures of the event store's own integration tests (not exported from the package).
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { startNatsServer, type RunningNats } from '@cnscd/testing';
import { EventStore, ensureEventStream, type AppendMetadata, type StreamRef } from '../index';

/** A visit of its own (a fresh aggregate) in a commune. */
export const aVisit = (commune = '99001'): StreamRef => ({
  commune,
  context: 'outreach',
  aggregateType: 'visit',
  aggregateId: randomUUID(),
});

export const meta = (overrides: Partial<AppendMetadata> = {}): AppendMetadata => ({
  commandId: randomUUID(),
  commandHash: 'hash-a',
  actor: { organisationId: 'org-thon-1', userId: 'user-1' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  trace: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  occurredAt: '2026-03-02T08:00:00.000Z',
  ...overrides,
});

export const logged = (n: number) => ({ type: 'VisitLogged', data: { n } });

export interface StoreUnderTest {
  readonly nats: RunningNats;
  readonly nc: NatsConnection;
  readonly store: EventStore;
}

/**
 * A real nats-server with the event stream, a connection that reconnects quickly, and the store; the
 * caller's `afterAll` closes them. Registers its own `beforeAll`/`afterAll`.
 */
export function storeUnderTest(): StoreUnderTest {
  const t = {} as { -readonly [K in keyof StoreUnderTest]: StoreUnderTest[K] };
  beforeAll(async () => {
    t.nats = await startNatsServer();
    t.nc = await connect({ ...t.nats.as(), reconnectTimeWait: 100, maxReconnectAttempts: -1 });
    await ensureEventStream(t.nc);
    t.store = await EventStore.create(t.nc);
  });
  afterAll(async () => {
    await t.nc?.close();
    await t.nats?.stop();
  });
  return t;
}
