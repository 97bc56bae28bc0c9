import { z } from 'zod';
import { ServiceInfrastructureModule, loadServiceConfig, runService } from '@cnscd/service-kit';
import { IndicatorsModule } from './indicators.module';
import { indicatorsMigrations } from './infrastructure/migrations';
import { indicatorsOpenApi } from './openapi';

runService(() => {
  const config = loadServiceConfig('indicators', 3004, {
    // A first start on a stream with this many commits or more fills the facts by the rebuild path.
    INDICATORS_FIRST_FILL_MIN_COMMITS: z.coerce.number().int().min(1).default(10_000),
  });
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
