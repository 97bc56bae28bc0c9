import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { containsIdLikeNumber, Day, DigitalTopicCode, VillageCode } from '@cnscd/contracts';
import { sql } from 'kysely';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { NotFoundError } from '@cnscd/service-kit';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import { toVisitView, VisitView } from './visit-view';

// ── One visit ───────────────────────────────────────────────────────────────────────────────────
/** What the read is asked. */
export class GetVisitQuery {
  constructor(
    readonly commune: string,
    readonly visitId: string,
  ) {}
}

@Injectable()
export class GetVisitHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>) {}

  async execute({ commune, visitId }: GetVisitQuery): Promise<VisitView> {
    const row = await this.rm.db
      .selectFrom('visits')
      .selectAll()
      .where('commune', '=', commune)
      .where('visit_id', '=', visitId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`visit ${visitId}`);
    return toVisitView(row);
  }
}

// ── Visits in a village over a period ───────────────────────────────────────────────────────────
export const ListVisitsParams = z.strictObject({
  village: VillageCode.optional(),
  organisation: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .refine((o) => !containsIdLikeNumber(o))
    .optional(),
  topic: DigitalTopicCode.optional(),
  from: Day.optional(),
  to: Day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `position` of the last visit of the previous page. */
  after: z.coerce.number().int().min(0).optional(),
});
export type ListVisitsParams = z.output<typeof ListVisitsParams>;

export const VisitPage = z
  .object({ items: z.array(VisitView), next: z.number().int().nullable() })
  .meta({ id: 'VisitPage' });
export type VisitPage = z.output<typeof VisitPage>;

/** What the read is asked. */
export class ListVisitsQuery {
  constructor(
    readonly commune: string,
    readonly params: ListVisitsParams,
  ) {}
}

@Injectable()
export class ListVisitsHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>) {}

  /** Pages in the order visits were recorded (event-store position), which never reorders. */
  async execute({ commune, params }: ListVisitsQuery): Promise<VisitPage> {
    let q = this.rm.db.selectFrom('visits').selectAll().where('commune', '=', commune);
    if (params.village) q = q.where('village_code', '=', params.village);
    if (params.organisation) q = q.where('organisation_id', '=', params.organisation);
    if (params.topic) q = q.where(sql<boolean>`${params.topic} = any(topics)`);
    if (params.from) q = q.where('occurred_at', '>=', `${params.from}T00:00:00+07:00`);
    if (params.to) q = q.where('occurred_at', '<', nextDay(params.to));
    if (params.after !== undefined) q = q.where('position', '>', params.after);
    const rows = await q
      .orderBy('position')
      .orderBy('visit_id')
      .limit(params.limit + 1)
      .execute();
    const items = rows.slice(0, params.limit).map(toVisitView);
    return { items, next: rows.length > params.limit ? items.at(-1)!.position : null };
  }
}

/** Dates in queries are Vietnamese calendar days (UTC+7). */
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00+07:00`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
};
