import { ServiceInfrastructureModule, loadServiceConfig, runService } from '@cnscd/service-kit';
import { IndicatorsModule } from './indicators.module';
import { indicatorsMigrations } from './infrastructure/migrations';
import { indicatorsOpenApi } from './openapi';

runService(() => {
  const config = loadServiceConfig('indicators', 3004);
  return {
    config,
    // The facts projection is run by FactsStore: its schema changes when a rebuild switches over.
    infrastructure: ServiceInfrastructureModule.forRoot({
      config,
      migrations: indicatorsMigrations,
      projections: [],
    }),
    feature: IndicatorsModule,
    openApi: indicatorsOpenApi,
  };
});
