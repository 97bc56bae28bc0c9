import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Migration } from 'kysely';
import { contractViolation } from '@cnscd/contracts';
import { DEFAULT_STREAM_SETTINGS, EventStore, ensureEventStream } from '@cnscd/event-store';
import {
  CommandIdIndex,
  ProjectionRunner,
  SharedReading,
  migrate,
  openDatabase,
  type Projection,
  type ReadModelDatabase,
} from '@cnscd/read-model';
import { Credentials } from '../auth/credentials';
import { Villages } from '../villages/villages';
import { SourceWatch } from '../health/source-watch';
import { natsConnectionOptions, type ServiceConfig } from './service-config';
import { shellProviders } from './shell-providers';
import { answeredRequestsBuildNoError } from '../nats/answered-requests';
import { coalesceWrites } from '../nats/coalesced-writes';
import { ProjectionRegistry, type RegisteredProjection } from './projection-registry';
import {
  CLOCK,
  COMMAND_IDS_RUNNER,
  NATS_CONNECTION,
  OWN_CONTEXT_READING,
  READ_MODEL,
  SERVICE_CONFIG,
  type Clock,
} from './tokens';

export interface ProjectionProvider {
  /** The token under which the runner is injected (a command handler waits on it for read-your-writes). */
  readonly token: InjectionToken;
  readonly inject?: InjectionToken[];
  readonly projection: (...deps: never[]) => Projection<never>;
}

export interface InfrastructureOptions {
  readonly config: ServiceConfig;
  readonly migrations: Record<string, Migration>;
  readonly projections: readonly ProjectionProvider[];
  /** Service-specific infrastructure (secrets, vaults, …), global like the rest. */
  readonly providers?: Provider[];
}

@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly projections: ProjectionRegistry,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<unknown>,
    @Inject(Credentials) private readonly credentials: Credentials,
    @Inject(Villages) private readonly villages: Villages,
    @Inject(SourceWatch) private readonly sources: SourceWatch | null,
  ) {}

  onApplicationBootstrap(): void {
    for (const r of this.projections.runners()) r.start();
    this.sources?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.sources?.stop();
    this.credentials.stop();
    this.villages.stop();
    await Promise.all(this.projections.runners().map((r) => r.stop()));
    await this.nc.drain().catch(() => undefined);
    await this.rm.close();
  }
}

/**
 * What every service needs from the outside world: its NATS connection and event store, its read-model
 * database (migrated), its projection runners, the credentials it accepts (from the identity events),
 * the villages each commune registered, its audit trail, a clock and readiness checks.
 */
@Global()
@Module({})
export class ServiceInfrastructureModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    const { config } = options;
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      ...connectionProviders(config, options.migrations),
      ...projectionProviders(config, options.projections),
      ...directoryProviders(),
      ...shellProviders(config),
      InfrastructureLifecycle,
      ...(options.providers ?? []),
    ];
    const exported = providers
      .filter((p) => p !== InfrastructureLifecycle)
      .map((p) => ('provide' in p ? p.provide : p));
    return { module: ServiceInfrastructureModule, global: true, providers, exports: exported };
  }
}

/** The outside world: NATS, the event stream on it, and the read-model database (migrated). */
function connectionProviders(
  config: ServiceConfig,
  migrations: InfrastructureOptions['migrations'],
): Provider[] {
  return [
    {
      provide: NATS_CONNECTION,
      // Fail fast with a clear message: the orchestrator (or npm start) restarts or reports it.
      useFactory: () => {
        answeredRequestsBuildNoError();
        return connect({
          ...natsConnectionOptions(config),
          name: `cnscd-${config.name}`,
          maxReconnectAttempts: -1,
          // Else an Error with its stack is built ahead of every request: ≈ 3% of a busy service's CPU.
          noAsyncTraces: true,
        }).then(coalesceWrites, (err: Error) => {
          throw new Error(
            `Không kết nối được NATS / Cannot reach NATS at ${config.nats.url}: ${err.message}`,
          );
        });
      },
    },
    {
      provide: EventStore,
      inject: [NATS_CONNECTION],
      useFactory: async (nc: NatsConnection) => {
        const settings = { ...DEFAULT_STREAM_SETTINGS, ...config.stream };
        const { differences } = await ensureEventStream(nc, settings);
        for (const d of differences)
          new Logger('EventStore').warn(
            `Luồng sự kiện khác cấu hình / The event stream differs from the configuration: ${d}. ` +
              `An operator changes it with npm run stream -- configure (docs/operations.md).`,
          );
        return EventStore.create(nc, settings);
      },
    },
    {
      provide: READ_MODEL,
      useFactory: async () => {
        const rm = await openDatabase(config.database);
        await migrate(rm.db as never, migrations);
        return rm;
      },
    },
  ];
}

/** The service's projections, the command-id index, and the registry that reports on them all. */
function projectionProviders(
  config: ServiceConfig,
  projections: InfrastructureOptions['projections'],
): Provider[] {
  const runners: Provider[] = projections.map((p) => ({
    provide: p.token,
    inject: [EventStore, READ_MODEL, OWN_CONTEXT_READING, ...(p.inject ?? [])],
    useFactory: (store: EventStore, rm: ReadModelDatabase<never>, own: SharedReading, ...deps: never[]) => {
      const projection = p.projection(...deps);
      return new ProjectionRunner(store, rm.db, projection, {
        logger: new Logger('Projection'),
        check: contractViolation,
        reading: own.covers(projection.filter) ? own : store,
      });
    },
  }));
  return [
    {
      // Every runner that reads only the service's own context reads it through one consumer: each
      // commit delivered and decoded once, not once per projection (outreach's visits: three times).
      provide: OWN_CONTEXT_READING,
      inject: [EventStore],
      useFactory: (store: EventStore) => new SharedReading(store, { context: config.name }),
    },
    ...runners,
    {
      // Command ids are kept for ever (handleCommand consults the index). Its runner starts at once:
      // commands sent while the service starts (the identity bootstrap) wait for it to be live.
      provide: COMMAND_IDS_RUNNER,
      inject: [EventStore, READ_MODEL, OWN_CONTEXT_READING],
      useFactory: (store: EventStore, rm: ReadModelDatabase<unknown>, own: SharedReading) =>
        CommandIdIndex.follow(store, rm.db, config.name, {
          logger: new Logger('Projection'),
          check: contractViolation,
          reading: own,
        }).runner,
    },
    {
      provide: ProjectionRegistry,
      inject: [Credentials, Villages, COMMAND_IDS_RUNNER, ...projections.map((p) => p.token)],
      useFactory: (credentials: Credentials, villages: Villages, ...runners: RegisteredProjection[]) =>
        new ProjectionRegistry([credentials, villages, ...runners]),
    },
  ];
}

/** Followed in memory from the stream: the credentials accepted and the villages each commune registered. */
function directoryProviders(): Provider[] {
  return [
    {
      provide: Credentials,
      inject: [EventStore, CLOCK, READ_MODEL],
      useFactory: async (store: EventStore, clock: Clock, rm: ReadModelDatabase<unknown>) => {
        const credentials = new Credentials(store, clock, rm.db);
        await credentials.open();
        return credentials;
      },
    },
    {
      // The villages each commune registered: every write naming one is checked against them.
      provide: Villages,
      inject: [EventStore, READ_MODEL],
      useFactory: async (store: EventStore, rm: ReadModelDatabase<unknown>) => {
        const villages = new Villages(store, rm.db);
        await villages.open();
        return villages;
      },
    },
  ];
}
