import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DEFAULT_STREAM_SETTINGS, EventStore, ensureEventStream } from '@cnscd/event-store';
import {
  createTestDatabase,
  startNatsServer,
  startService,
  writeSecretsFile,
  type NatsBus,
  type RunningNats,
  type RunningService,
  type TestDatabase,
  type TestOrganisation,
} from '@cnscd/testing';
import { seedCredentials, type TestCredentials } from './credentials';
import { seedVillages } from './villages';

export const SERVICE_NAMES = ['identity', 'outreach', 'merchants', 'training', 'indicators'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface DeploymentUnderTest<Bus extends NatsBus = RunningNats> extends TestCredentials {
  /** The bus: one nats-server, or the cluster `options.bus` started. */
  readonly nats: Bus;
  /** Connected as the `ops` bus user. */
  readonly nc: NatsConnection;
  readonly services: Record<ServiceName, RunningService>;
  /** Each service's own PostgreSQL database. */
  readonly databases: Record<ServiceName, TestDatabase>;
  stop(): Promise<void>;
}

export interface DeploymentOptions<Bus extends NatsBus> {
  /** Extra environment per service. */
  readonly env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Extra Node.js arguments per service (a CPU profile, say). */
  readonly nodeArgs?: Partial<Record<ServiceName, readonly string[]>>;
  /** How each service reaches its database: its URL as given (default), or rewritten (through a proxy). */
  readonly databaseUrl?: (url: string) => string;
  /** Starts the bus: one nats-server (default), or a cluster (`startNatsCluster`). */
  readonly bus?: () => Promise<Bus>;
}

/**
 * Every service as its own process on one real nats-server (with the deployment's bus permissions),
 * each with its own PostgreSQL database, and the given test organisations' credentials seeded as
 * identity events — the whole deployment, as `npm start` runs it. On a cluster (`options.bus`) the
 * streams are created with its replicas and the services are given every server's URL.
 */
export async function startDeployment<Bus extends NatsBus = RunningNats>(
  organisations: readonly TestOrganisation[],
  options: DeploymentOptions<Bus> = {},
): Promise<DeploymentUnderTest<Bus>> {
  const { env = {}, nodeArgs = {}, databaseUrl = (url: string) => url } = options;
  const nats = await (options.bus ?? (startNatsServer as unknown as () => Promise<Bus>))();
  // Reconnects for as long as it takes: a test may kill a server (or a cluster's node) under it.
  const nc = await connect({ ...nats.as('ops'), maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  await ensureEventStream(nc, { ...DEFAULT_STREAM_SETTINGS, replicas: nats.replicas });
  const store = await EventStore.create(nc);
  const credentials = await seedCredentials(store, organisations);
  const communes = [...new Set(organisations.map((o) => o.commune))];
  await seedVillages(store, communes);
  const extra: Partial<Record<ServiceName, Record<string, string>>> = {
    outreach: { OUTREACH_SECRETS_FILE: writeSecretsFile(communes) },
    identity: { IDENTITY_SIGNING_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'cnscd-identity-')), 'key.pem') },
  };
  const databases = {} as Record<ServiceName, TestDatabase>;
  const started = await Promise.all(
    SERVICE_NAMES.map(async (name) => {
      const db = await createTestDatabase(name);
      databases[name] = db;
      const N = name.toUpperCase();
      const service = await startService({
        entry: `services/${name}/src/main.ts`,
        portVariable: `${N}_HTTP_PORT`,
        readyTimeoutMs: 90_000,
        nodeArgs: nodeArgs[name],
        env: {
          NATS_URL: nats.url,
          NATS_USER: name,
          NATS_PASSWORD: nats.passwords[name]!,
          EVENT_STREAM_REPLICAS: String(nats.replicas),
          [`${N}_DATABASE_URL`]: databaseUrl(db.url),
          ...extra[name],
          ...env[name],
        },
      });
      return [name, service] as const;
    }),
  );
  const services = Object.fromEntries(started) as Record<ServiceName, RunningService>;
  return {
    ...credentials,
    nats,
    nc,
    services,
    databases,
    async stop() {
      await Promise.all(Object.values(services).map((s) => s.stop()));
      await nc.close();
      await nats.stop();
      await Promise.all(Object.values(databases).map((d) => d.drop()));
    },
  };
}

/** The routes a service's HTTP server mapped, from its start-up log: `GET /v1/visits/:visitId`. */
export function mappedRoutes(service: RunningService): string[] {
  const routes = [...service.logs().matchAll(/Mapped \{([^,}]+), (\w+)\} route/g)].map(
    ([, path, method]) => `${method} ${path}`,
  );
  return [...new Set(routes)].sort();
}

/** A test organisation of a kind in commune 99001: its `id` is the kind unless given. */
export const anOrganisation = (
  kind: TestOrganisation['organisationKind'],
  role: TestOrganisation['role'] = 'administrator',
  id: string = kind,
): TestOrganisation => ({ id, organisationId: kind, organisationKind: kind, role, commune: '99001' });

/** Administrators of these kinds between them hold every scope a write route may need. */
export const WRITING_KINDS = [
  'culture-society-office',
  'peoples-committee',
  'economic-office',
  'village-team',
  'commune-police',
  'bank',
  // The province's Department of Science and Technology: the only one that returns or accepts a report.
  'province-department',
] as const;
