import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EventStore, ensureEventStream, DEFAULT_STREAM_SETTINGS } from '@cnscd/event-store';
import { ProjectionRunner, migrate, openDatabase, type ReadModelDatabase } from '@cnscd/read-model';
import { ApiKeyRegistry, READINESS_CHECKS, type ReadinessCheck } from '@cnscd/service-kit';
import type { OutreachConfig } from '../config';
import { residentsProjection } from '../residents/resident-queries/residents.projection';
import { visitsProjection } from '../visits/visit-queries/visits.projection';
import { ResidentVault } from './resident-vault';
import { loadSecrets, type OutreachSecrets } from './secrets';
import { outreachMigrations } from './migrations';
import type { OutreachDatabase } from './read-model';
import {
  CLOCK,
  CONFIG,
  NATS_CONNECTION,
  READ_MODEL,
  RESIDENTS_PROJECTION,
  SECRETS,
  VISITS_PROJECTION,
  type Clock,
} from './tokens';

@Global()
@Module({
  providers: [
    {
      provide: NATS_CONNECTION,
      inject: [CONFIG],
      // Fail fast with a clear message: the orchestrator (or npm start) restarts or reports it.
      useFactory: (config: OutreachConfig) =>
        connect({
          servers: config.nats.url.split(','),
          name: 'cnscd-outreach',
          user: config.nats.user,
          pass: config.nats.password,
          maxReconnectAttempts: -1,
        }).catch((err: Error) => {
          throw new Error(
            `Không kết nối được NATS / Cannot reach NATS at ${config.nats.url}: ${err.message}`,
          );
        }),
    },
    {
      provide: EventStore,
      inject: [NATS_CONNECTION, CONFIG],
      useFactory: async (nc: NatsConnection, config: OutreachConfig) => {
        const settings = { ...DEFAULT_STREAM_SETTINGS, ...config.stream };
        await ensureEventStream(nc, settings);
        return EventStore.create(nc, settings);
      },
    },
    {
      provide: READ_MODEL,
      inject: [CONFIG],
      useFactory: async (config: OutreachConfig) => {
        const rm = await openDatabase<OutreachDatabase>(config.database);
        await migrate(rm.db as never, outreachMigrations);
        return rm;
      },
    },
    {
      provide: VISITS_PROJECTION,
      inject: [EventStore, READ_MODEL],
      useFactory: (store: EventStore, rm: ReadModelDatabase<OutreachDatabase>) =>
        new ProjectionRunner(store, rm.db, visitsProjection, new Logger('Projection')),
    },
    {
      provide: RESIDENTS_PROJECTION,
      inject: [EventStore, READ_MODEL, ResidentVault],
      useFactory: (store: EventStore, rm: ReadModelDatabase<OutreachDatabase>, vault: ResidentVault) =>
        new ProjectionRunner(store, rm.db, residentsProjection(vault), new Logger('Projection')),
    },
    {
      provide: SECRETS,
      inject: [CONFIG],
      useFactory: (config: OutreachConfig) => loadSecrets(config.secretsFile),
    },
    {
      provide: ResidentVault,
      inject: [SECRETS],
      useFactory: (secrets: OutreachSecrets) => new ResidentVault(secrets.masterKey),
    },
    {
      provide: ApiKeyRegistry,
      inject: [CONFIG, SECRETS],
      useFactory: (config: OutreachConfig, secrets: OutreachSecrets) => {
        const keys = ApiKeyRegistry.fromFile(config.apiKeysFile);
        // Refuse to start rather than fail on the first resident of a commune nobody configured.
        const missing = keys.communes.filter((c) => !secrets.communes.includes(c));
        if (missing.length)
          throw new Error(
            `No resident key secret for commune(s) ${missing.join(', ')} in ${config.secretsFile}`,
          );
        return keys;
      },
    },
    { provide: CLOCK, useValue: { now: () => new Date() } satisfies Clock },
    {
      provide: READINESS_CHECKS,
      inject: [NATS_CONNECTION, EventStore, READ_MODEL],
      useFactory: (
        nc: NatsConnection,
        store: EventStore,
        rm: ReadModelDatabase<unknown>,
      ): ReadinessCheck[] => [
        {
          name: 'nats',
          check: async () =>
            void (await store.lastPosition(), nc.isClosed() && Promise.reject(new Error('closed'))),
        },
        { name: 'database', check: () => rm.ping() },
      ],
    },
  ],
  exports: [
    NATS_CONNECTION,
    EventStore,
    READ_MODEL,
    VISITS_PROJECTION,
    RESIDENTS_PROJECTION,
    SECRETS,
    ResidentVault,
    ApiKeyRegistry,
    CLOCK,
    READINESS_CHECKS,
  ],
})
export class InfrastructureModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(VISITS_PROJECTION) private readonly visits: ProjectionRunner<OutreachDatabase>,
    @Inject(RESIDENTS_PROJECTION) private readonly residents: ProjectionRunner<OutreachDatabase>,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>,
  ) {}

  onApplicationBootstrap(): void {
    this.visits.start();
    this.residents.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.visits.stop(), this.residents.stop()]);
    await this.nc.drain().catch(() => undefined);
    await this.rm.close();
  }
}
