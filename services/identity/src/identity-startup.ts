import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DEPLOYMENT_COMMUNE } from '@cnscd/contracts';
import { handleCommand, EventStore } from '@cnscd/event-store';
import type { ProjectionRunner, ReadModelDatabase } from '@cnscd/read-model';
import { CLOCK, ProjectionRegistry, type Clock } from '@cnscd/service-kit';
import { READ_MODEL } from '@cnscd/service-kit';
import { applyBootstrapFile } from './infrastructure/bootstrap/bootstrap-file';
import { IDENTITY_CONFIG, type IdentityConfig } from './config';
import type { IdentityDatabase } from './infrastructure/read-model';
import { RefusalsFollower } from './queries/audit/refusals-follower';
import { signingKeyDecider } from './sessions/signing-key.decider';
import { TokenIssuer } from './sessions/token-issuer';
import { IDENTITY_PROJECTION } from './infrastructure/tokens';

/** At start: publish the token signing key, apply the bootstrap file, follow the refusals. */
@Injectable()
export class IdentityStartup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('identity');

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<IdentityDatabase>,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    @Inject(IDENTITY_PROJECTION) private readonly projection: ProjectionRunner<IdentityDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly refusals: RefusalsFollower,
    private readonly registry: ProjectionRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = this.issuer.published;
    const now = this.clock.now().toISOString();
    await handleCommand(this.store, {
      stream: {
        commune: DEPLOYMENT_COMMUNE,
        context: 'identity',
        aggregateType: 'signing-key',
        aggregateId: key.kid,
      },
      decider: signingKeyDecider,
      commandType: 'publish-signing-key',
      command: { type: 'PublishSigningKey', ...key },
      context: {
        commandId: `signing-key-${key.kid}`,
        actor: { organisationId: 'identity', userId: 'identity' },
        correlationId: `signing-key-${key.kid}`,
        causationId: `signing-key-${key.kid}`,
        occurredAt: now,
      },
    });
    if (this.config.bootstrapFile) {
      const last = await applyBootstrapFile(
        this.config.bootstrapFile,
        this.store,
        this.rm.db,
        this.clock.now(),
      );
      await this.projection.waitFor(last, 30_000);
      this.logger.log(`Bootstrap file applied: ${this.config.bootstrapFile}`);
    }
    this.registry.add(this.refusals);
    this.refusals.start();
  }

  onApplicationShutdown(): void {
    this.refusals.stop();
  }
}
