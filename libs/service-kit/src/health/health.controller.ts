import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EventStore } from '@cnscd/event-store';
import { Public } from '../auth/credential.guard';
import { ProjectionRegistry } from '../service/projection-registry';
import { HEALTH_THRESHOLDS } from '../service/tokens';
import { SourceWatch } from './source-watch';
import { DEPENDENCY_TIMEOUT_MS, judgeConsumers, withTimeout, type HealthThresholds } from './consumer-health';

export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when the dependency answers; rejects (or times out) otherwise. */
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * Liveness says the process runs. Readiness tells the truth about the rest (docs/operations.md):
 * `up` (200) when NATS and the database answer and every consumer of the stream is live with nothing
 * parked; `degraded` (503) when a consumer has parked events, keeps failing, is catching up or is
 * behind by more than the threshold — naming which and why; `down` (503) when NATS or the database do
 * not answer. On the province hub, also `degraded` while a commune's source is stalled or diverged
 * (`sources`).
 */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
    private readonly consumers: ProjectionRegistry,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(HEALTH_THRESHOLDS) private readonly limits: HealthThresholds,
    @Inject(SourceWatch) private readonly sourceWatch: SourceWatch | null,
  ) {}

  @Get('live')
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        try {
          await withTimeout(c.check(), DEPENDENCY_TIMEOUT_MS);
          return [c.name, { status: 'up' }] as const;
        } catch (err) {
          return [c.name, { status: 'down', reason: (err as Error).message }] as const;
        }
      }),
    );
    const dependenciesUp = results.every(([, r]) => r.status === 'up');
    const projections = dependenciesUp
      ? await withTimeout(
          judgeConsumers(this.store, this.consumers.all(), this.limits),
          DEPENDENCY_TIMEOUT_MS,
        ).catch(() => [])
      : [];
    const unhealthy = projections.filter((p) => p.state !== 'live');
    const sources = this.sourceWatch?.sources();
    const stalled = sources?.some((s) => s.stalled || s.diverged) ?? false;
    const status = !dependenciesUp ? 'down' : unhealthy.length > 0 || stalled ? 'degraded' : 'up';
    res.status(status === 'up' ? 200 : 503);
    return {
      status,
      checks: Object.fromEntries(results),
      projections: Object.fromEntries(
        projections.map((p) => [
          p.projection,
          {
            state: p.state,
            checkpoint: p.checkpoint,
            behind: p.behind,
            parked: p.parked,
            reasons: p.reasons,
          },
        ]),
      ),
      ...(sources
        ? {
            sources: Object.fromEntries(
              sources.map((s) => [
                s.commune,
                { behind: s.behind, reachable: s.reachable, stalled: s.stalled, diverged: s.diverged },
              ]),
            ),
          }
        : {}),
    };
  }
}
