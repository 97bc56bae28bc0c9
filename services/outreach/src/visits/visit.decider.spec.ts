import { deciderSpec } from '@cnscd/testing';
import { visitDecider, type LogVisit, type VisitLogged } from './visit.decider';

const spec = deciderSpec(visitDecider);

const logVisit = (overrides: Partial<LogVisit> = {}): LogVisit => ({
  type: 'LogVisit',
  visitId: '6f1c1f4e-3d0a-4a4b-9a57-0c6f3f2b9c11',
  villageCode: 'thon-1',
  householdId: '0b6f8f3e-5a2d-4f0e-8a0b-7c2d1e4f5a6b',
  organisationId: 'to-cnscd-thon-1',
  teamMemberId: null,
  occurredAt: '2026-03-02T08:30:00+07:00',
  topics: ['vneid', 'e-health-record'],
  residentsGuided: ['a'.repeat(64)],
  followUp: null,
  note: null,
  now: '2026-03-02T09:00:00+07:00',
  ...overrides,
});

const visitLogged = (command: LogVisit): VisitLogged => ({
  type: 'VisitLogged',
  data: {
    visitId: command.visitId,
    villageCode: command.villageCode,
    householdId: command.householdId,
    organisationId: command.organisationId,
    teamMemberId: command.teamMemberId,
    topics: [...command.topics],
    residentsGuided: [...command.residentsGuided],
    followUp: command.followUp && { topics: [...command.followUp.topics], dueBy: command.followUp.dueBy },
    note: command.note,
  },
});

describe('logging a door-to-door visit', () => {
  it('records the visit with its village, household, topics and residents guided', () => {
    const command = logVisit();
    spec
      .given([])
      .when(command)
      .then([visitLogged(command)]);
  });

  it('counts a topic or a resident named twice only once', () => {
    const command = logVisit({
      topics: ['vneid', 'vneid'],
      residentsGuided: ['b'.repeat(64), 'b'.repeat(64)],
    });
    spec
      .given([])
      .when(command)
      .then([visitLogged({ ...command, topics: ['vneid'], residentsGuided: ['b'.repeat(64)] })]);
  });

  it('refuses to log the same visit twice', () => {
    const command = logVisit();
    spec
      .given([visitLogged(command)])
      .when(command)
      .thenRejects('VisitAlreadyLogged');
  });

  it('refuses a visit that happens after the server clock plus a little skew', () => {
    spec
      .given([])
      .when(logVisit({ occurredAt: '2026-03-02T10:00:00+07:00' }))
      .thenRejects('VisitInTheFuture', 'occurredAt');
  });

  it('accepts a phone clock a few minutes ahead', () => {
    const command = logVisit({ occurredAt: '2026-03-02T09:05:00+07:00' });
    spec
      .given([])
      .when(command)
      .then([visitLogged(command)]);
  });

  it('accepts a visit logged days later, as offline phones do', () => {
    const command = logVisit({ occurredAt: '2026-02-20T08:00:00+07:00' });
    spec
      .given([])
      .when(command)
      .then([visitLogged(command)]);
  });

  it('refuses a follow-up promised before the visit itself', () => {
    spec
      .given([])
      .when(logVisit({ followUp: { topics: ['vneid'], dueBy: '2026-03-01' } }))
      .thenRejects('FollowUpBeforeVisit', 'followUp.dueBy');
  });
});
