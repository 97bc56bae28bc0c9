import type { DynamicModule } from '@nestjs/common';
import { ServiceInfrastructureModule, type ApiKeyRegistry } from '@cnscd/service-kit';
import type { OutreachConfig } from '../config';
import { residentsProjection } from '../residents/resident-queries/residents.projection';
import { visitsProjection } from '../visits/visit-queries/visits.projection';
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
    checkApiKeys: {
      inject: [SECRETS],
      // Refuse to start rather than fail on the first resident of a commune nobody configured.
      check: ((keys: ApiKeyRegistry, secrets: OutreachSecrets) => {
        const missing = keys.communes.filter((c) => !secrets.communes.includes(c));
        if (missing.length)
          throw new Error(
            `No resident key secret for commune(s) ${missing.join(', ')} in ${config.secretsFile}`,
          );
      }) as never,
    },
  });
}
