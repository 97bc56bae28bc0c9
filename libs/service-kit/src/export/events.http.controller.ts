import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { Day, addDays } from '@cnscd/contracts';
import { EventStore, type RecordedEvent } from '@cnscd/event-store';
import { CurrentPrincipal, RequireScope } from '../auth/credential.guard';
import type { Principal } from '../auth/principal';
import { SERVICE_CONFIG } from '../service/tokens';
import type { ServiceConfig } from '../service/service-config';
import { parseInput } from '../zod-input';
import { withoutSealed } from './without-sealed';

export const EventsExportParams = z.strictObject({
  /** First day recorded (Vietnam), unless `after` continues a previous page. */
  from: Day.optional(),
  /** Last day recorded (Vietnam), inclusive. */
  to: Day.optional(),
  /** The `next` of the previous page: the stream position to continue after. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** One event as analysts receive it: pseudonymous, sealed personal details left out. */
export interface ExportedEvent {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly stream: RecordedEvent['stream'];
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: Omit<RecordedEvent['metadata'], 'commandHash'>;
}

const exported = (e: RecordedEvent): ExportedEvent => {
  const { commandHash: _, ...metadata } = e.metadata;
  return {
    position: e.position,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    stream: e.stream,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    data: withoutSealed(e.data),
    metadata,
  };
};

/**
 * The service's own events of the caller's commune, in stream order, a page at a time (analysts'
 * exports: `npm run cnscd -- events`). The period is the day each was recorded, in Vietnam. A page
 * ends at a whole commit, so `next` can be passed back as `after` without losing part of one.
 */
@Controller('v1/events')
export class EventsExportController {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Get()
  @RequireScope('events:export')
  async list(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const q = parseInput(EventsExportParams, query);
    const until = q.to ? Date.parse(`${addDays(q.to, 1)}T00:00:00+07:00`) : Infinity;
    const start =
      q.after === undefined && q.from
        ? { fromTime: new Date(`${q.from}T00:00:00+07:00`) }
        : { after: q.after ?? 0 };
    const items: ExportedEvent[] = [];
    const reading = this.store.readAll({
      filter: { commune: p.commune, context: this.config.name },
      batchSize: Math.min(q.limit, 1000),
      ...start,
    });
    for await (const batch of reading) {
      for (const e of batch.events) {
        if (Date.parse(e.recordedAt) >= until) return { items, next: null };
        const last = items.at(-1);
        if (items.length >= q.limit && last && last.position !== e.position)
          return { items, next: last.position };
        items.push(exported(e));
      }
    }
    return { items, next: null };
  }
}
