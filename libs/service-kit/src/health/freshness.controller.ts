import { Controller, Get, Header, Inject } from '@nestjs/common';
import { EventStore } from '@cnscd/event-store';
import { RequireScope } from '../auth/credential.guard';
import { ProjectionRegistry } from '../service/projection-registry';

export interface Freshness {
  readonly projection: string;
  /** The stream position the read model reflects. */
  readonly checkpoint: number;
  /** The newest position the projection will read (its filter applied). */
  readonly streamPosition: number;
  /** Events (commits) not yet applied. */
  readonly behind: number;
  readonly live: boolean;
}

/** How far each projection is behind the event stream: a JSON endpoint and a Prometheus metric. */
@Controller()
export class FreshnessController {
  constructor(
    private readonly projections: ProjectionRegistry,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  @Get('v1/freshness')
  @RequireScope('ops:read')
  freshness(): Promise<Freshness[]> {
    return this.measure();
  }

  @Get('metrics')
  @RequireScope('ops:read')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const rows = await this.measure();
    const line = (name: string, r: Freshness, v: number) => `${name}{projection="${r.projection}"} ${v}`;
    return [
      '# HELP cnscd_projection_behind_events Commits in the event stream not yet applied to the read model.',
      '# TYPE cnscd_projection_behind_events gauge',
      ...rows.map((r) => line('cnscd_projection_behind_events', r, r.behind)),
      '# HELP cnscd_projection_checkpoint Stream position the read model reflects.',
      '# TYPE cnscd_projection_checkpoint gauge',
      ...rows.map((r) => line('cnscd_projection_checkpoint', r, r.checkpoint)),
      '',
    ].join('\n');
  }

  private measure(): Promise<Freshness[]> {
    return Promise.all(
      this.projections.all().map(async (runner) => {
        const streamPosition = await this.store.lastPosition(runner.filter);
        const checkpoint = runner.checkpoint;
        return {
          projection: runner.name,
          checkpoint,
          streamPosition,
          behind: Math.max(0, streamPosition - checkpoint),
          live: runner.isLive,
        };
      }),
    );
  }
}
