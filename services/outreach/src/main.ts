import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PlainRequestDeserializer } from '@cnscd/service-kit';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { outreachOpenApi } from './openapi';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config), {
    logger: new ConsoleLogger({ prefix: 'cnscd-outreach', json: config.logFormat === 'json' }),
  });
  app.useBodyParser('json', { limit: '64kb' });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '2mb' });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.NATS,
      options: {
        servers: config.nats.url.split(','),
        name: 'cnscd-outreach-rpc',
        queue: 'outreach',
        deserializer: new PlainRequestDeserializer(),
        ...(config.nats.user ? { user: config.nats.user, pass: config.nats.password } : {}),
      },
    },
    { inheritAppConfig: true },
  );
  SwaggerModule.setup('docs', app, outreachOpenApi() as never, { jsonDocumentUrl: 'openapi.json' });
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  new Logger('Outreach').log(
    `Listening on ${url} (API docs ${url}/docs), read models on ${config.database.url ? 'PostgreSQL' : 'PGlite'}`,
  );
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
