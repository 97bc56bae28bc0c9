import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EventStore, type RecordedEvent } from '@cnscd/event-store';
import {
  createTestDatabase,
  startNatsServer,
  startService,
  writeApiKeyFile,
  type RunningNats,
  type RunningService,
  type TestDatabase,
  type TestOrganisation,
} from '@cnscd/testing';

/** A JSON answer as the tests read it: loosely typed on purpose, the assertions check the shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ServiceUnderTest {
  readonly nats: RunningNats;
  readonly db: TestDatabase;
  readonly service: RunningService;
  readonly nc: NatsConnection;
  readonly store: EventStore;
  /** The plaintext API key of each test organisation, by its `id`. */
  readonly keys: Record<string, string>;
  call(
    method: string,
    path: string,
    key?: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json(): Promise<Json>; text(): Promise<string> }>;
  /** Every event of this service's bounded context in the stream, decoded. */
  events(): Promise<RecordedEvent[]>;
  stop(): Promise<void>;
}

/**
 * Real NATS, a fresh PostgreSQL database and `services/<name>/src/main.ts` as its own process, with
 * API keys for the given organisations. `env` adds service-specific configuration.
 */
export async function startServiceUnderTest(options: {
  name: string;
  organisations: readonly TestOrganisation[];
  env?: Record<string, string>;
}): Promise<ServiceUnderTest> {
  const N = options.name.toUpperCase();
  const nats = await startNatsServer();
  const db = await createTestDatabase(options.name);
  const keyFile = writeApiKeyFile(options.organisations);
  const service = await startService({
    entry: `services/${options.name}/src/main.ts`,
    portVariable: `${N}_HTTP_PORT`,
    env: {
      NATS_URL: nats.url,
      NATS_USER: options.name,
      NATS_PASSWORD: nats.passwords[options.name]!,
      [`${N}_DATABASE_URL`]: db.url,
      API_KEYS_FILE: keyFile.path,
      ...options.env,
    },
  });
  const nc = await connect(nats.as());
  const store = await EventStore.create(nc);
  return {
    nats,
    db,
    service,
    nc,
    store,
    keys: keyFile.keys,
    async call(method, path, key, body, headers = {}) {
      const res = await fetch(`${service.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return {
        status: res.status,
        headers: res.headers,
        json: (): Promise<Json> => res.json(),
        text: () => res.text(),
      };
    },
    async events() {
      const events: RecordedEvent[] = [];
      for await (const b of store.readAll({ filter: { context: options.name } })) events.push(...b.events);
      return events;
    },
    async stop() {
      await service.stop();
      await nc.close();
      await nats.stop();
      await db.drop();
    },
  };
}
