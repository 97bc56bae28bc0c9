import { z } from 'zod';
import { DigitalTopicCode, EntityId } from '@cnscd/contracts';
import type { Selectable } from 'kysely';
import type { VisitsTable } from '../infrastructure/read-model';

export const VisitView = z
  .object({
    visitId: EntityId,
    villageCode: z.string(),
    householdId: EntityId,
    organisationId: z.string(),
    teamMemberId: EntityId.nullable(),
    loggedBy: z.string(),
    topics: z.array(DigitalTopicCode),
    residentsGuided: z.number().int(),
    followUp: z.object({ topics: z.array(DigitalTopicCode), dueBy: z.string().nullable() }).nullable(),
    note: z.string().nullable(),
    occurredAt: z.string(),
    recordedAt: z.string(),
    position: z.number().int(),
  })
  .meta({ id: 'Visit' });
export type VisitView = z.output<typeof VisitView>;

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
const day = (v: Date | string | null) =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

export function toVisitView(row: Selectable<VisitsTable>): VisitView {
  return {
    visitId: row.visit_id,
    villageCode: row.village_code,
    householdId: row.household_id,
    organisationId: row.organisation_id,
    teamMemberId: row.team_member_id,
    loggedBy: row.logged_by,
    topics: row.topics as VisitView['topics'],
    residentsGuided: row.residents_guided,
    followUp: row.follow_up_topics
      ? { topics: row.follow_up_topics as VisitView['topics'], dueBy: day(row.follow_up_due) }
      : null,
    note: row.note,
    occurredAt: iso(row.occurred_at),
    recordedAt: iso(row.recorded_at),
    position: Number(row.position),
  };
}
