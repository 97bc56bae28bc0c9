import type { NatsConnection } from '@nats-io/transport-node';
import type { Provider } from '@nestjs/common';
import { DEFAULT_STREAM_SETTINGS, EventStore, ensureAuditStream } from '@cnscd/event-store';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { AuditTrail } from '../audit/audit-trail';
import type { HealthThresholds } from '../health/consumer-health';
import { READINESS_CHECKS, type ReadinessCheck } from '../health/health.controller';
import { SourceWatch } from '../health/source-watch';
import type { ServiceConfig } from './service-config';
import { CLOCK, HEALTH_THRESHOLDS, NATS_CONNECTION, READ_MODEL, type Clock } from './tokens';

/** The clock, health thresholds, the refusal audit trail, the readiness checks and (on the hub) the source watch. */
export function shellProviders(config: ServiceConfig): Provider[] {
  return [
    {
      // On the province hub only: is every commune's source advancing? (null elsewhere)
      provide: SourceWatch,
      inject: [NATS_CONNECTION],
      useFactory: (nc: NatsConnection) =>
        config.stream.sourced
          ? new SourceWatch(nc, DEFAULT_STREAM_SETTINGS, config.health.sourceStallMs)
          : null,
    },
    { provide: CLOCK, useValue: { now: () => new Date() } satisfies Clock },
    { provide: HEALTH_THRESHOLDS, useValue: config.health satisfies HealthThresholds },
    {
      provide: AuditTrail,
      inject: [NATS_CONNECTION, CLOCK],
      useFactory: async (nc: NatsConnection, clock: Clock) => {
        await ensureAuditStream(nc, config.stream.replicas);
        return new AuditTrail(nc, config.name, clock);
      },
    },
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
  ];
}
