import { Module } from '@nestjs/common';
import { AuditTrail, CLOCK, NATS_CONNECTION, READ_MODEL, type Clock } from '@cnscd/service-kit';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { RefusalsFollower } from './queries/audit/refusals-follower';
import { SignInThrottle } from './sessions/sign-in-throttle';
import { IDENTITY_CONFIG, type IdentityConfig } from './config';
import { CommandsHttpController, IDENTITY_WRITES } from './identity-operations';
import { IdentityStartup } from './identity-startup';
import type { IdentityDatabase } from './infrastructure/read-model';
import { OrganisationDirectory } from './organisations/organisation-directory';
import { AuditQuery } from './queries/audit/audit-query';
import { DirectoryQuery } from './queries/directory.query';
import { IdentityHttpController } from './queries/identity.http.controller';
import { SetPasswordHttpController } from './users/set-password/set-password.http.controller';
import { Sessions } from './sessions/sessions';
import { SessionsHttpController } from './sessions/sessions.http.controller';
import { TokenIssuer } from './sessions/token-issuer';
import { Accounts } from './users/add-user/add-user.operation';

/** Organisations, users, sign-in, API keys and the audit trail. */
@Module({
  controllers: [
    SessionsHttpController,
    CommandsHttpController,
    IdentityHttpController,
    SetPasswordHttpController,
  ],
  providers: [
    DirectoryQuery,
    AuditQuery,
    ...IDENTITY_WRITES.providers,
    Accounts,
    OrganisationDirectory,
    {
      provide: Sessions,
      inject: [READ_MODEL, TokenIssuer, CLOCK, IDENTITY_CONFIG, AuditTrail],
      useFactory: (
        rm: ReadModelDatabase<IdentityDatabase>,
        issuer: TokenIssuer,
        clock: Clock,
        config: IdentityConfig,
        audit: AuditTrail,
      ) => new Sessions(rm.db, issuer, clock, config, audit),
    },
    {
      provide: SignInThrottle,
      inject: [IDENTITY_CONFIG],
      useFactory: (config: IdentityConfig) => new SignInThrottle(config.signInPerMinute),
    },
    {
      provide: RefusalsFollower,
      inject: [NATS_CONNECTION, READ_MODEL],
      useFactory: (nc: NatsConnection, rm: ReadModelDatabase<IdentityDatabase>) =>
        new RefusalsFollower(nc, rm.db),
    },
    IdentityStartup,
  ],
})
export class IdentityModule {}
