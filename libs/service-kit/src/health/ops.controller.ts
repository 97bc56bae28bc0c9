import { Body, Controller, Get, Header, HttpCode, Inject, Post, type OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { EventStore } from '@cnscd/event-store';
import type { ParkedEvent } from '@cnscd/read-model';
import { CurrentPrincipal, RequireScope } from '../auth/credential.guard';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../problem-details';
import { ProjectionRegistry, type StreamConsumer } from '../service/projection-registry';
import { HEALTH_THRESHOLDS } from '../service/tokens';
import { parseInput } from '../zod-input';
import {
  watchAppends,
  watchBulkBodies,
  watchConsumers,
  watchWriteSlots,
} from '../observability/consumer-metrics';
import { metrics } from '../observability/metrics';
import { judgeConsumers, type ConsumerHealth, type HealthThresholds } from './consumer-health';

/** A parked event belongs to the commune its subject names; a message naming none, to every operator. */
function visibleTo(principal: Principal, parked: ParkedEvent): boolean {
  const commune = parked.subject.split('.')[2] ?? '';
  return !/^[0-9]{5}$/.test(commune) || commune === principal.commune;
}

/** Kept for callers of the JSON endpoint: one row per consumer. */
export type Freshness = ConsumerHealth;

export const ReplayRequest = z
  .strictObject({
    projection: z.string().min(1).max(120).optional().describe('Chỉ phép chiếu này / Only this projection'),
  })
  .meta({ id: 'ReplayParkedRequest' });
export const DismissRequest = z
  .strictObject({
    projection: z.string().min(1).max(120),
    position: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    eventIndex: z.number().int().min(-1).max(10_000).optional(),
  })
  .meta({ id: 'DismissParkedRequest' });

/**
 * What operators see of the service's consumers of the stream (projections, the credentials): how far
 * behind each is (JSON and Prometheus), what each parked, and the two ways out of a parked event —
 * replay after a fix, or dismiss. Every service has the same endpoints (docs/operations.md).
 */
@Controller()
export class OpsController implements OnModuleInit {
  constructor(
    private readonly consumers: ProjectionRegistry,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(HEALTH_THRESHOLDS) private readonly limits: HealthThresholds,
  ) {}

  onModuleInit(): void {
    watchConsumers(this.store, this.consumers, this.limits);
    watchAppends(this.store);
    watchWriteSlots();
    watchBulkBodies();
  }

  @Get('v1/freshness')
  @RequireScope('ops:read')
  freshness(): Promise<Freshness[]> {
    return judgeConsumers(this.store, this.consumers.all(), this.limits);
  }

  /** Prometheus text: requests, commands, appends, every consumer's position and lag, the process. */
  @Get('metrics')
  @RequireScope('ops:read')
  @Header('Content-Type', metrics.contentType)
  metrics(): Promise<string> {
    return metrics.metrics();
  }

  /** Parked events of the caller's commune (and messages that name no commune), every consumer's. */
  @Get('v1/admin/parked')
  @RequireScope('ops:read')
  async parked(@CurrentPrincipal() principal: Principal) {
    const all = await Promise.all(this.consumers.all().map((c) => c.parked()));
    return all.flat().filter((p) => visibleTo(principal, p));
  }

  /** Applies parked events again (after an upcaster or a fix was deployed); answers what is left. */
  @Post('v1/admin/parked/replay')
  @HttpCode(200)
  @RequireScope('ops:repair')
  async replay(@Body() body: unknown) {
    const { projection } = parseInput(ReplayRequest, body ?? {});
    const targets = projection ? [this.consumer(projection)] : this.consumers.all();
    const results = [];
    for (const c of targets) results.push({ projection: c.name, ...(await c.replayParked()) });
    return { results };
  }

  /** An operator decides a parked event will never apply (garbage published by mistake, say). */
  @Post('v1/admin/parked/dismiss')
  @HttpCode(200)
  @RequireScope('ops:repair')
  async dismiss(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { projection, position, eventIndex } = parseInput(DismissRequest, body);
    const consumer = this.consumer(projection);
    const mine = (await consumer.parked(100_000)).filter(
      (p) =>
        p.position === position &&
        (eventIndex === undefined || p.eventIndex === eventIndex) &&
        visibleTo(principal, p),
    );
    if (mine.length === 0) throw new NotFoundError(`parked event ${projection}@${position}`);
    let dismissed = 0;
    for (const p of mine) dismissed += await consumer.dismissParked(p.position, p.eventIndex);
    return { dismissed };
  }

  private consumer(name: string): StreamConsumer {
    const found = this.consumers.find(name);
    if (!found) throw new NotFoundError(`projection ${name}`);
    return found;
  }
}
