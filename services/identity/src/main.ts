import { ServiceInfrastructureModule, runService } from '@cnscd/service-kit';
import { acceptedCommandsProjection } from './queries/audit/accepted-commands.projection';
import { IDENTITY_CONFIG, loadIdentityConfig } from './config';
import { IdentityModule } from './identity.module';
import { identityProjection } from './queries/identity.projection';
import { identityMigrations } from './infrastructure/migrations';
import { identityOpenApi } from './openapi';
import { TokenIssuer } from './sessions/token-issuer';
import { AUDIT_PROJECTION, IDENTITY_PROJECTION } from './infrastructure/tokens';

runService(() => {
  const config = loadIdentityConfig();
  return {
    config,
    infrastructure: ServiceInfrastructureModule.forRoot({
      config,
      migrations: identityMigrations,
      projections: [
        { token: IDENTITY_PROJECTION, projection: () => identityProjection as never },
        { token: AUDIT_PROJECTION, projection: () => acceptedCommandsProjection as never },
      ],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        {
          provide: TokenIssuer,
          useFactory: () => TokenIssuer.fromFile(config.signingKeyFile, config.accessTokenTtlSeconds),
        },
      ],
    }),
    feature: IdentityModule,
    openApi: identityOpenApi,
  };
});
