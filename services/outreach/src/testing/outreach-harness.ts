import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EventStore, type RecordedEvent } from '@cnscd/event-store';
import {
  createTestDatabase,
  startNatsServer,
  startService,
  writeApiKeyFile,
  writeSecretsFile,
  type RunningNats,
  type RunningService,
  type TestDatabase,
  type TestOrganisation,
} from '@cnscd/testing';

/** A JSON answer as the tests read it: loosely typed on purpose, the assertions check the shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface OutreachHarness {
  readonly nats: RunningNats;
  readonly db: TestDatabase;
  readonly service: RunningService;
  readonly nc: NatsConnection;
  readonly store: EventStore;
  readonly keys: Record<string, string>;
  call(
    method: string,
    path: string,
    key?: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json(): Promise<Json>; text(): Promise<string> }>;
  /** Every outreach event in the stream, decoded. */
  events(): Promise<RecordedEvent[]>;
  stop(): Promise<void>;
}

/** Real NATS, a fresh PostgreSQL database and the outreach service as its own process. */
export async function startOutreach(organisations: readonly TestOrganisation[]): Promise<OutreachHarness> {
  const nats = await startNatsServer();
  const db = await createTestDatabase('outreach');
  const keyFile = writeApiKeyFile(organisations);
  const communes = [...new Set(organisations.map((o) => o.commune))];
  const service = await startService({
    entry: 'services/outreach/src/main.ts',
    portVariable: 'OUTREACH_HTTP_PORT',
    env: {
      NATS_URL: nats.url,
      OUTREACH_DATABASE_URL: db.url,
      API_KEYS_FILE: keyFile.path,
      OUTREACH_SECRETS_FILE: writeSecretsFile(communes),
    },
  });
  const nc = await connect({ servers: nats.url });
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
      for await (const b of store.readAll({ filter: { context: 'outreach' } })) events.push(...b.events);
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

const all = [
  'outreach:visits:write',
  'outreach:visits:read',
  'outreach:residents:write',
  'outreach:residents:read',
  'outreach:adoptions:write',
];

/** The organisations most tests need, in commune 99001 (and one elsewhere). */
export const ORGANISATIONS: TestOrganisation[] = [
  {
    id: 'thon-1',
    organisationId: 'to-cnscd-thon-1',
    organisationKind: 'village-team',
    commune: '99001',
    scopes: [...all, 'outreach:imports'],
  },
  {
    id: 'police',
    organisationId: 'cong-an-xa',
    organisationKind: 'commune-police',
    commune: '99001',
    scopes: ['outreach:adoptions:write', 'outreach:residents:write'],
  },
  {
    id: 'bank',
    organisationId: 'agribank-di-linh',
    organisationKind: 'bank',
    commune: '99001',
    scopes: ['outreach:adoptions:write'],
  },
  {
    id: 'office',
    organisationId: 'phong-van-hoa-xa-hoi',
    organisationKind: 'culture-society-office',
    commune: '99001',
    scopes: [...all, 'outreach:residents:contact', 'outreach:residents:erase'],
  },
  {
    id: 'analyst',
    organisationId: 'phan-tich',
    organisationKind: 'culture-society-office',
    commune: '99001',
    scopes: ['outreach:visits:read', 'outreach:residents:read'],
  },
  {
    id: 'elsewhere',
    organisationId: 'to-cnscd-khac',
    organisationKind: 'village-team',
    commune: '99002',
    scopes: all,
  },
];
