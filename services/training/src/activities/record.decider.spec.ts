import { deciderSpec } from '@cnscd/testing';
import { recordDecider, type RecordCommand } from './record.decider';

const spec = deciderSpec(recordDecider);
const session: RecordCommand = {
  type: 'RecordSession',
  sessionId: '6f1c1f4e-3d0a-4a4b-9a57-0c6f3f2b9c11',
  topics: ['vneid'],
  trainerOrganisationId: 'buu-dien-di-linh',
  place: 'Nhà văn hóa thôn 1',
  date: '2026-03-10',
  villageCodes: ['thon-1'],
  attendance: { '18-35': { female: 6, male: 4 } },
  attendees: ['a'.repeat(64)],
  coreSpreaders: true,
};

describe('recording training sessions and communication activities', () => {
  it('records a session once', () => {
    const { type: _t, ...data } = session;
    spec
      .given([])
      .when(session)
      .then([{ type: 'SessionRecorded', data: data as never }]);
    spec
      .given([{ type: 'SessionRecorded', data: data as never }])
      .when(session)
      .then([]);
  });

  it('refuses a session without any topic', () => {
    spec
      .given([])
      .when({ ...session, topics: [] })
      .thenRejects('TopicRequired', 'topics');
  });

  it('refuses more named attendees than were counted', () => {
    spec
      .given([])
      .when({ ...session, attendance: {} })
      .thenRejects('AttendeesExceedAttendance', 'attendees');
  });

  it('asks a themed workshop for its anniversary', () => {
    const workshop: RecordCommand = {
      type: 'RecordActivity',
      activityId: '6f1c1f4e-3d0a-4a4b-9a57-0c6f3f2b9c12',
      kind: 'themed-workshop',
      date: '2026-09-02',
      villageCodes: ['thon-1'],
      topics: ['online-safety'],
      organisations: ['doan-thanh-nien'],
      peopleReached: 80,
      anniversary: null,
      note: null,
    };
    spec.given([]).when(workshop).thenRejects('AnniversaryRequired', 'anniversary');
  });
});
