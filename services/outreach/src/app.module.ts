import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard, HealthController, ProblemDetailsFilter } from '@cnscd/service-kit';
import type { OutreachConfig } from './config';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { CONFIG } from './infrastructure/tokens';
import { OutreachModule } from './outreach.module';

@Module({})
export class AppModule {
  static with(config: OutreachConfig): DynamicModule {
    const configModule: DynamicModule = {
      module: class ConfigModule {},
      global: true,
      providers: [{ provide: CONFIG, useValue: config }],
      exports: [CONFIG],
    };
    return {
      module: AppModule,
      imports: [configModule, InfrastructureModule, OutreachModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
