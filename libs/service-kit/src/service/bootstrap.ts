import 'reflect-metadata';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { Logger, Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
// The adapter alone, not the package's index: that also loads multer and its MIME database (≈ 0.7 MiB
// of heap) for file uploads, which no service takes.
import { ExpressAdapter } from '@nestjs/platform-express/adapters/express-adapter';
import { AuditTrail } from '../audit/audit-trail';
import { CredentialGuard, credentialBeforeWaiting } from '../auth/credential.guard';
import { Credentials } from '../auth/credentials';
import { OpsController } from '../health/ops.controller';
import { HealthController } from '../health/health.controller';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { apiSecurityHeaders } from '../http/security-headers';
import { serveApiDocs } from '../http/api-docs';
import { bulkBodies, bulkBodiesInTurn } from '../http/bulk-bodies';
import { PlainRequestDeserializer } from '../nats/plain-request.deserializer';
import { NestLog, createLog, useLog } from '../observability/log';
import { startMetrics } from '../observability/metrics';
import { observeRequests } from '../observability/request-observer';
import { TracingShutdown, startTracing } from '../observability/tracing';
import { natsConnectionOptions, type ServiceConfig } from './service-config';
import { freeCompileJobsAtOnce } from './compile-jobs';
import { keepConnectionsAlive } from '../http/keep-alive';
import { heapGrowth } from './heap-growth';
import { writeSlots } from '../operations/write-slots';

@Module({})
class ServiceAppModule {}

export interface ServiceDefinition {
  readonly config: ServiceConfig;
  /** `ServiceInfrastructureModule.forRoot(…)` */
  readonly infrastructure: DynamicModule;
  /** The service's use cases. */
  readonly feature: Type;
  readonly openApi: () => object;
}

/**
 * Starts a service: HTTP (JSON up to 64 KB, CSV up to 2 MB), NATS request/reply in the service's queue
 * group, credential guard and problem details on both, OpenAPI at /openapi.json and /docs, health,
 * metrics (`/metrics`) and one log line per request (docs/operations.md).
 */
export async function bootstrapService(service: ServiceDefinition): Promise<void> {
  const { config } = service;
  const logger = createLog(config.name, config.logFormat);
  useLog(logger);
  startMetrics(config.name);
  if (await startTracing(config.name))
    logger.info('Tracing on: spans go to the OTLP endpoint of OTEL_* (docs/operations.md)');
  const app = await NestFactory.create<NestExpressApplication>(
    {
      module: ServiceAppModule,
      imports: [service.infrastructure, service.feature],
      controllers: [HealthController, OpsController],
      providers: [
        { provide: APP_GUARD, useClass: CredentialGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        TracingShutdown,
      ],
    },
    new ExpressAdapter(),
    { logger: new NestLog(logger) },
  );
  app.use(observeRequests());
  // Before the body parsers: a bulk body waits its turn unread (BULK_BYTES_IN_FLIGHT), once its
  // credential is known to be valid (decision 0024).
  app.use(bulkBodiesInTurn(bulkBodies, credentialBeforeWaiting(app.get(Credentials), app.get(AuditTrail))));
  app.useBodyParser('json', { limit: '64kb' });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '2mb' });
  app.disable('x-powered-by');
  // No ETag: answers under /v1 are never stored (`Cache-Control: no-store`), so none is revalidated, and
  // Express hashed every answer's body for one (≈ 0.4% of outreach's CPU under visits).
  app.set('etag', false);
  app.use(apiSecurityHeaders());
  // The client's address behind the web app's proxy (X-Forwarded-For from a loopback peer), for
  // per-client limits; `TRUST_PROXY` names other proxies (Express's syntax).
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');
  app.enableShutdownHooks();
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.NATS,
      options: {
        ...natsConnectionOptions(config),
        name: `cnscd-${config.name}-rpc`,
        queue: config.name,
        deserializer: new PlainRequestDeserializer(),
      },
    },
    { inheritAppConfig: true },
  );
  serveApiDocs(app.getHttpAdapter().getInstance() as Express, service.openApi());
  await app.startAllMicroservices();
  keepConnectionsAlive(app.getHttpServer() as Server, config.http.keepAliveTimeoutMs);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  new Logger(config.name).log(
    `Listening on ${url} (API docs ${url}/docs), read models on ${config.database.url ? 'PostgreSQL' : 'PGlite'}`,
  );
}

/**
 * The `main.ts` of a service: free the compiler's finished jobs at once (`freeCompileJobsAtOnce`), bound
 * its heap's growth (`heapGrowth`), the writes that may wait (`writeSlots`) and the bulk bodies read at
 * once (`bulkBodies`), start, or print why not and exit 1.
 */
export function runService(define: () => ServiceDefinition): void {
  freeCompileJobsAtOnce();
  Promise.resolve()
    .then(() => {
      const service = define();
      heapGrowth.bound(service.config.heapGrowingPercent);
      writeSlots.configure(service.config.writes.inFlight, service.config.writes.waitingMax);
      bulkBodies.configure(service.config.bulk);
      return bootstrapService(service);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
