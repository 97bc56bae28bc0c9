import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EventStore, ensureEventStream, type RecordedEvent } from '@cnscd/event-store';
import {
  createTestDatabase,
  startNatsServer,
  startService,
  type RunningNats,
  type RunningService,
  type TestDatabase,
} from '@cnscd/testing';
import type { BootstrapFile } from '../bootstrap/bootstrap-file';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface IdentityUnderTest {
  readonly nats: RunningNats;
  readonly db: TestDatabase;
  readonly service: RunningService;
  readonly store: EventStore;
  call(
    method: string,
    path: string,
    credential?: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }>;
  /** Every identity event in the stream. */
  events(): Promise<RecordedEvent[]>;
  stop(): Promise<void>;
}

/** The identity service on real NATS and PostgreSQL, started with a bootstrap file. */
export async function startIdentity(
  bootstrap: BootstrapFile,
  env: Record<string, string> = {},
): Promise<IdentityUnderTest> {
  const nats = await startNatsServer();
  const db = await createTestDatabase('identity');
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-identity-'));
  writeFileSync(join(dir, 'bootstrap.json'), JSON.stringify(bootstrap));
  const nc: NatsConnection = await connect(nats.as('ops'));
  await ensureEventStream(nc);
  const service = await startService({
    entry: 'services/identity/src/main.ts',
    portVariable: 'IDENTITY_HTTP_PORT',
    env: {
      NATS_URL: nats.url,
      NATS_USER: 'identity',
      NATS_PASSWORD: nats.passwords['identity']!,
      IDENTITY_DATABASE_URL: db.url,
      IDENTITY_SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
      IDENTITY_BOOTSTRAP_FILE: join(dir, 'bootstrap.json'),
      ...env,
    },
  });
  const store = await EventStore.create(nc);
  return {
    nats,
    db,
    service,
    store,
    async call(method, path, credential, body) {
      const res = await fetch(`${service.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async events() {
      const all: RecordedEvent[] = [];
      for await (const b of store.readAll({ filter: { context: 'identity' } })) all.push(...b.events);
      return all;
    },
    async stop() {
      await service.stop();
      await nc.close();
      await nats.stop();
      await db.drop();
    },
  };
}

/** The fields every command carries. */
export const command = () => ({ commandId: randomUUID(), occurredAt: new Date().toISOString() });
