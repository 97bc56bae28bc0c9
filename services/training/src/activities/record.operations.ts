import { WORK } from '../api-tags';
import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  Attendance,
  Day,
  DIGITAL_TOPIC_CODES,
  EntityId,
  OccurredAt,
  ResidentKey,
  ShortNote,
  VillageCode,
} from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { TRAINING_PROJECTION } from '../tokens';
import { recordDecider } from './record.decider';

const base = { commandId: EntityId, occurredAt: OccurredAt };
const Organisation = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const common = {
  decider: recordDecider,
  projection: TRAINING_PROJECTION,
} as const;

export const RecordActivityRequest = z
  .strictObject({
    ...base,
    activityId: EntityId,
    kind: z.enum(ACTIVITY_KINDS),
    date: Day,
    villageCodes: z.array(VillageCode).min(1).max(30),
    /** Of the nine; a record without any is refused by name (TopicRequired). */
    topics: z.array(z.enum(DIGITAL_TOPIC_CODES)).max(9),
    organisations: z.array(Organisation).max(20).default([]),
    peopleReached: z.number().int().min(0).max(100_000),
    anniversary: z.string().trim().max(120).nullable().default(null),
    note: ShortNote.nullable().default(null),
  })
  .meta({ id: 'RecordActivityRequest' });
export const recordActivity = deciderOperation({
  ...common,
  kind: 'record-activity',
  scope: 'training:write',
  input: RecordActivityRequest,
  http: {
    path: 'activities',
    tag: WORK,
    summary: 'Ghi nhận hoạt động tuyên truyền / Record a communication activity',
    description:
      'Băng rôn, họp thôn, sự kiện, hội thảo chuyên đề (nêu ngày kỷ niệm), bài đăng trên nền tảng số. Banners, meetings, events, themed workshops (name the anniversary), digital posts.',
  },
  aggregateType: 'activity',
  aggregateId: (i) => i.activityId,
  command: ({ commandId: _c, occurredAt: _o, ...data }) => ({ type: 'RecordActivity' as const, ...data }),
  result: (i) => ({ activityId: i.activityId }),
});

export const RecordSessionRequest = z
  .strictObject({
    ...base,
    sessionId: EntityId,
    topics: z.array(z.enum(DIGITAL_TOPIC_CODES)).max(9),
    trainerOrganisationId: Organisation,
    place: z.string().trim().min(1).max(120),
    date: Day,
    villageCodes: z.array(VillageCode).min(1).max(30),
    attendance: Attendance,
    attendees: z.array(ResidentKey).max(500).default([]),
    coreSpreaders: z.boolean().default(false),
  })
  .meta({ id: 'RecordSessionRequest' });
export const recordSession = deciderOperation({
  ...common,
  kind: 'record-session',
  scope: 'training:write',
  input: RecordSessionRequest,
  http: {
    path: 'sessions',
    tag: WORK,
    summary: 'Ghi nhận buổi tập huấn / Record a training session',
    description:
      'Số người dự theo nhóm tuổi và giới tính; người dự có tên chỉ bằng khóa cư dân, không bao giờ số CCCD. Attendance by age band and sex; named attendees only by resident key, never an ID number. Mark core-spreader sessions.',
  },
  aggregateType: 'session',
  aggregateId: (i) => i.sessionId,
  command: ({ commandId: _c, occurredAt: _o, ...data }) => ({ type: 'RecordSession' as const, ...data }),
  result: (i) => ({ sessionId: i.sessionId }),
});
