import { ServiceInfrastructureModule, runService } from '@cnscd/service-kit';
import { REBUILD_SETTINGS, loadIndicatorsConfig } from './config';
import { IndicatorsModule } from './indicators.module';
import { indicatorsMigrations } from './infrastructure/migrations';
import { indicatorsOpenApi } from './openapi';

runService(() => {
  const config = loadIndicatorsConfig();
  return {
    config,
    // The facts projection is run by FactsStore: its schema changes when a rebuild switches over.
    infrastructure: ServiceInfrastructureModule.forRoot({
      config,
      migrations: indicatorsMigrations,
      projections: [],
      providers: [{ provide: REBUILD_SETTINGS, useValue: config.rebuild }],
    }),
    feature: IndicatorsModule,
    openApi: indicatorsOpenApi,
  };
});
