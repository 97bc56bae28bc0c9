import { ServiceInfrastructureModule, loadServiceConfig, runService } from '@cnscd/service-kit';
import { merchantsMigrations } from './infrastructure/migrations';
import { merchantsProjection } from './queries/merchants.projection';
import { MerchantsModule } from './merchants.module';
import { merchantsOpenApi } from './openapi';
import { MERCHANTS_PROJECTION } from './infrastructure/tokens';

runService(() => {
  const config = loadServiceConfig('merchants', 3002);
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
