import { WORK } from '../../api-tags';
import { z } from 'zod';
import { ACTIVITY_KINDS, Day, DIGITAL_TOPIC_CODES, EntityId, ShortNote, VillageCode } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { Organisation, common } from '../record-write-parts';

export const RecordActivityRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
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
