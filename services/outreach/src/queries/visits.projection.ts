import { statementsProjection, type Projection, type ProjectionStatement } from '@cnscd/read-model';
import type { RecordedEvent } from '@cnscd/event-store';
import type { VisitLoggedData } from '@cnscd/contracts';
import type { OutreachDatabase } from '../infrastructure/read-model';

const isVisitLogged = (e: RecordedEvent): e is RecordedEvent<'VisitLogged', VisitLoggedData> =>
  e.type === 'VisitLogged';

/**
 * Visits as rows, one per visit, plus who was guided. Idempotent: a visit is written once, keyed
 * by its id, so a redelivered event finds its rows already there and changes nothing. Two inserts
 * that need nothing from each other: sent with the checkpoint as one statement (`statementsProjection`),
 * the round trip a visit's read-your-writes waits for.
 */
export const visitsProjection: Projection<OutreachDatabase> = statementsProjection({
  name: 'outreach.visits.v1',
  filter: { context: 'outreach', aggregateType: 'visit' },
  batchSize: 500,
  statements(db, events) {
    const logged = events.filter(isVisitLogged);
    if (logged.length === 0) return [];
    const statements: ProjectionStatement[] = [
      db
        .insertInto('visits')
        .values(
          logged.map((e) => ({
            visit_id: e.data.visitId,
            commune: e.stream.commune,
            village_code: e.data.villageCode,
            household_id: e.data.householdId,
            organisation_id: e.data.organisationId,
            team_member_id: e.data.teamMemberId,
            logged_by: e.metadata.actor.userId,
            topics: e.data.topics,
            residents_guided: e.data.residentsGuided.length,
            follow_up_topics: e.data.followUp?.topics ?? null,
            follow_up_due: e.data.followUp?.dueBy ?? null,
            note: e.data.note,
            occurred_at: e.occurredAt,
            recorded_at: e.recordedAt,
            position: e.position,
          })),
        )
        .onConflict((oc) => oc.column('visit_id').doNothing()),
    ];
    const guided = logged.flatMap((e) =>
      e.data.residentsGuided.map((resident_key) => ({
        visit_id: e.data.visitId,
        resident_key,
        commune: e.stream.commune,
        village_code: e.data.villageCode,
        occurred_at: e.occurredAt,
      })),
    );
    if (guided.length > 0)
      statements.push(
        db
          .insertInto('visit_residents')
          .values(guided)
          .onConflict((oc) => oc.columns(['visit_id', 'resident_key']).doNothing()),
      );
    return statements;
  },
});
