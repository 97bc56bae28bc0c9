import type { DynamicModule } from '@nestjs/common';
import { ServiceInfrastructureModule } from '@cnscd/service-kit';
import type { OutreachConfig } from '../config';
import { residentsProjection } from '../queries/residents.projection';
import { visitsProjection } from '../queries/visits.projection';
import { outreachMigrations } from './migrations';
import { ResidentVault } from './resident-vault';
import { loadSecrets, type OutreachSecrets } from './secrets';
import { RESIDENTS_PROJECTION, SECRETS, VISITS_PROJECTION } from './tokens';

export function outreachInfrastructure(config: OutreachConfig): DynamicModule {
  return ServiceInfrastructureModule.forRoot({
    config,
    migrations: outreachMigrations,
    projections: [
      { token: VISITS_PROJECTION, projection: () => visitsProjection as never },
      {
        token: RESIDENTS_PROJECTION,
        inject: [ResidentVault],
        projection: ((vault: ResidentVault) => residentsProjection(vault)) as never,
      },
    ],
    providers: [
      { provide: SECRETS, useFactory: () => loadSecrets(config.secretsFile) },
      {
        provide: ResidentVault,
        inject: [SECRETS],
        useFactory: (secrets: OutreachSecrets) => new ResidentVault(secrets.masterKey),
      },
    ],
  });
}
