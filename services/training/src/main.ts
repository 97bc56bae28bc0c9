import { ServiceInfrastructureModule, loadServiceConfig, runService } from '@cnscd/service-kit';
import { trainingMigrations } from './infrastructure/migrations';
import { trainingOpenApi } from './openapi';
import { TrainingModule } from './training.module';
import { outreachVisitsProjection, trainingProjection } from './queries/training.projection';
import { OUTREACH_VISITS_PROJECTION, TRAINING_PROJECTION } from './infrastructure/tokens';

runService(() => {
  const config = loadServiceConfig('training', 3003);
  return {
    config,
    infrastructure: ServiceInfrastructureModule.forRoot({
      config,
      migrations: trainingMigrations,
      projections: [
        { token: TRAINING_PROJECTION, projection: () => trainingProjection as never },
        { token: OUTREACH_VISITS_PROJECTION, projection: () => outreachVisitsProjection as never },
      ],
    }),
    feature: TrainingModule,
    openApi: trainingOpenApi,
  };
});
