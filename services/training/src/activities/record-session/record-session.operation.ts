import { WORK } from '../../api-tags';
import { z } from 'zod';
import { Attendance, Day, DIGITAL_TOPIC_CODES, EntityId, ResidentKey, VillageCode } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { Organisation, common } from '../record-write-parts';

export const RecordSessionRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
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
