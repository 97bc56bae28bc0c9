import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import { foldWith, statementsProjection, type EventOf, type Projection } from '@cnscd/read-model';
import { vietnamDay, type VisitLoggedData } from '@cnscd/contracts';
import type { RecordEvent } from '../activities/record.decider';
import type { TrainingDatabase } from '../infrastructure/read-model';
import type { ReportEvent } from '../team-reports/team-report.decider';
import { canonicalZaloName } from '../teams/zalo-group-name';
import type { TeamEvent } from '../teams/team.decider';
import { totalAttendance } from '../activities/record.decider';

type Trx = Transaction<TrainingDatabase>;
type Any = RecordedEvent & (TeamEvent | RecordEvent | ReportEvent);

/** Teams, members, activities, sessions and reports as rows. Idempotent: keyed rows, position guards. */
export const trainingProjection: Projection<TrainingDatabase> = {
  name: 'training.all.v1',
  filter: { context: 'training' },
  batchSize: 500,
  async apply(trx, events) {
    for (const e of events as Any[]) await applyOne(trx, e);
  },
};

type Of<T extends Any['type']> = EventOf<Any, T>;
/** Rows a team's later changes update: only if they are older than the event (redelivery changes nothing). */
const team = (trx: Trx, e: Any, teamId: string) =>
  trx
    .updateTable('teams')
    .where('commune', '=', e.stream.commune)
    .where('team_id', '=', teamId)
    .where('position', '<', e.position);
const member = (trx: Trx, e: Any, teamId: string, memberId: string) =>
  trx
    .updateTable('members')
    .where('commune', '=', e.stream.commune)
    .where('team_id', '=', teamId)
    .where('member_id', '=', memberId)
    .where('position', '<', e.position);

const teamRegistered = (trx: Trx, { stream, data: d, position }: Of<'TeamRegistered'>) =>
  trx
    .insertInto('teams')
    .values({
      commune: stream.commune,
      team_id: d.teamId,
      village_code: d.villageCode,
      village_name: d.villageName,
      commune_name: d.communeName,
      canonical_zalo: canonicalZaloName(d.villageName, d.communeName),
      zalo_name: null,
      zalo_conforms: null,
      zalo_problems: [],
      leader_id: null,
      leader_since: null,
      position,
    })
    .onConflict((oc) => oc.columns(['commune', 'team_id']).doNothing())
    .execute();

const memberJoined = (trx: Trx, { stream, data: d, position }: Of<'MemberJoined'>) => {
  const details = {
    display_name: d.displayName,
    affiliation: d.affiliation,
    joined_on: d.joinedOn,
    left_on: null,
  };
  return trx
    .insertInto('members')
    .values({ commune: stream.commune, team_id: d.teamId, member_id: d.memberId, ...details, position })
    .onConflict((oc) =>
      oc
        .columns(['commune', 'team_id', 'member_id'])
        .doUpdateSet({ ...details, position })
        .where('members.position', '<', position),
    )
    .execute();
};

async function memberLeft(trx: Trx, e: Of<'MemberLeft'>) {
  await member(trx, e, e.data.teamId, e.data.memberId)
    .set({ left_on: e.data.leftOn, position: e.position })
    .execute();
  await team(trx, e, e.data.teamId)
    .where('leader_id', '=', e.data.memberId)
    .set({ leader_id: null, leader_since: null })
    .execute();
}

const leaderAppointed = (trx: Trx, e: Of<'LeaderAppointed'>) =>
  team(trx, e, e.data.teamId)
    .set({ leader_id: e.data.memberId, leader_since: e.data.since, position: e.position })
    .execute();

const zaloGroupNameRecorded = (trx: Trx, e: Of<'ZaloGroupNameRecorded'>) =>
  team(trx, e, e.data.teamId)
    .set({
      zalo_name: e.data.name,
      zalo_conforms: e.data.conforms,
      zalo_problems: e.data.problems,
      position: e.position,
    })
    .execute();

const activityRecorded = (trx: Trx, { stream, data: d }: Of<'ActivityRecorded'>) =>
  trx
    .insertInto('activities')
    .values({
      commune: stream.commune,
      activity_id: d.activityId,
      kind: d.kind,
      date: d.date,
      village_codes: d.villageCodes,
      topics: d.topics,
      organisations: d.organisations,
      people_reached: d.peopleReached,
      anniversary: d.anniversary,
    })
    .onConflict((oc) => oc.columns(['commune', 'activity_id']).doNothing())
    .execute();

const sessionRecorded = (trx: Trx, { stream, data: d }: Of<'SessionRecorded'>) =>
  trx
    .insertInto('sessions')
    .values({
      commune: stream.commune,
      session_id: d.sessionId,
      topics: d.topics,
      trainer_organisation_id: d.trainerOrganisationId,
      place: d.place,
      date: d.date,
      village_codes: d.villageCodes,
      attendance: JSON.stringify(d.attendance),
      attendance_total: totalAttendance(d.attendance),
      attendees: d.attendees.length,
      core_spreaders: d.coreSpreaders,
    })
    .onConflict((oc) => oc.columns(['commune', 'session_id']).doNothing())
    .execute();

const teamReportSubmitted = (trx: Trx, { stream, data: d, recordedAt }: Of<'TeamReportSubmitted'>) =>
  trx
    .insertInto('team_reports')
    .values({
      commune: stream.commune,
      report_id: d.reportId,
      team_id: d.teamId,
      period_from: d.from,
      period_to: d.to,
      figures: JSON.stringify(d.figures),
      difficulties: d.difficulties,
      proposals: d.proposals,
      submitted_at: recordedAt,
    })
    .onConflict((oc) => oc.columns(['commune', 'report_id']).doNothing())
    .execute();

const applyOne = foldWith<Any, Trx>({
  TeamRegistered: teamRegistered,
  MemberJoined: memberJoined,
  MemberLeft: memberLeft,
  LeaderAppointed: leaderAppointed,
  ZaloGroupNameRecorded: zaloGroupNameRecorded,
  ActivityRecorded: activityRecorded,
  SessionRecorded: sessionRecorded,
  TeamReportSubmitted: teamReportSubmitted,
});

/**
 * The outreach service's visits, read from its published events (VisitLogged v1): which village was
 * visited on which day. The training service never calls or imports the outreach service.
 */
export const outreachVisitsProjection: Projection<TrainingDatabase> = statementsProjection({
  name: 'training.outreach-visits.v1',
  filter: { context: 'outreach', aggregateType: 'visit' },
  batchSize: 1000,
  statements(db, events) {
    const visits = events.filter((e) => e.type === 'VisitLogged') as (RecordedEvent & {
      data: VisitLoggedData;
    })[];
    if (visits.length === 0) return [];
    return [
      db
        .insertInto('village_visits')
        .values(
          visits.map((e) => ({
            commune: e.stream.commune,
            visit_id: e.data.visitId,
            village_code: e.data.villageCode,
            visited_on: vietnamDay(e.occurredAt),
          })),
        )
        .onConflict((oc) => oc.columns(['commune', 'visit_id']).doNothing()),
    ];
  },
});
