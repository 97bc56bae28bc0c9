import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EventStore, ensureEventStream, type RecordedEvent } from '@cnscd/event-store';
import {
  createTestDatabase,
  startNatsServer,
  startService,
  type RunningNats,
  type RunningService,
  type TestDatabase,
  type TestOrganisation,
} from '@cnscd/testing';
import { seedCredentials, type TestCredentials } from './credentials';
import { TEST_VILLAGES, seedVillages } from './villages';

/** A JSON answer as the tests read it: loosely typed on purpose, the assertions check the shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Also the test organisations' credentials: `keys`, `tokenFor`, `revokeKey`, … by organisation `id`. */
export interface ServiceUnderTest extends TestCredentials {
  readonly nats: RunningNats;
  readonly db: TestDatabase;
  readonly service: RunningService;
  /** Connected as the `ops` bus user. */
  readonly nc: NatsConnection;
  readonly store: EventStore;
  /** `credential` is an API key or an access token, sent as `Authorization: Bearer`. */
  call(
    method: string,
    path: string,
    credential?: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json(): Promise<Json>; text(): Promise<string> }>;
  /** Registers more villages in a commune (default: the first test organisation's), as its office would. */
  registerVillages(codes: readonly string[], commune?: string): Promise<void>;
  /** Every event of this service's bounded context in the stream, decoded. */
  events(): Promise<RecordedEvent[]>;
  stop(): Promise<void>;
}

/** HTTP calls to a service with a credential, answering status, headers and the body read either way. */
const caller =
  (url: string): ServiceUnderTest['call'] =>
  async (method, path, credential, body, headers = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
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
  };

/**
 * Real NATS, a fresh PostgreSQL database and `services/<name>/src/main.ts` as its own process, with
 * an API key and a user for each given organisation. The identity events are appended before the
 * service starts (it reads them all before it reports ready), and so are the communes' villages
 * (`TEST_VILLAGES` and any `villages` named). `env` adds service-specific configuration.
 */
export async function startServiceUnderTest(options: {
  name: string;
  organisations: readonly TestOrganisation[];
  env?: Record<string, string>;
  villages?: readonly string[];
  /** Communes whose villages are registered besides the organisations' (a bootstrap file's, say). */
  communes?: readonly string[];
}): Promise<ServiceUnderTest> {
  const N = options.name.toUpperCase();
  const nats = await startNatsServer();
  const db = await createTestDatabase(options.name);
  const nc = await connect(nats.as('ops'));
  await ensureEventStream(nc);
  const store = await EventStore.create(nc);
  const credentials = await seedCredentials(store, options.organisations);
  const communes = [
    ...new Set([...options.organisations.map((o) => o.commune), ...(options.communes ?? [])]),
  ];
  await seedVillages(store, communes, [...TEST_VILLAGES, ...(options.villages ?? [])]);
  const service = await startService({
    entry: `services/${options.name}/src/main.ts`,
    portVariable: `${N}_HTTP_PORT`,
    env: {
      NATS_URL: nats.url,
      NATS_USER: options.name,
      NATS_PASSWORD: nats.passwords[options.name]!,
      [`${N}_DATABASE_URL`]: db.url,
      ...options.env,
    },
  });
  return {
    ...credentials,
    nats,
    db,
    service,
    nc,
    store,
    call: caller(service.url),
    registerVillages: (codes, commune = communes[0]!) => seedVillages(store, [commune], codes),
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
