import { z } from 'zod';
import { ServiceInfrastructureModule, loadServiceConfig, runService } from '@cnscd/service-kit';
import { merchantsMigrations } from './infrastructure/migrations';
import { merchantsProjection } from './queries/merchants.projection';
import { MerchantsModule } from './merchants.module';
import { merchantsOpenApi } from './openapi';
import { MERCHANTS_PROJECTION } from './infrastructure/tokens';

runService(() => {
  const config = loadServiceConfig('merchants', 3002, {
    // The place evaluator's own look at marked places; the projection's batches wake it otherwise.
    PLACES_LOOK_EVERY_MS: z.coerce.number().int().min(100).default(5000),
  });
  return {
    config,
    infrastructure: ServiceInfrastructureModule.forRoot({
      config,
      migrations: merchantsMigrations,
      projections: [{ token: MERCHANTS_PROJECTION, projection: () => merchantsProjection as never }],
    }),
    feature: MerchantsModule,
    openApi: merchantsOpenApi,
  };
});
