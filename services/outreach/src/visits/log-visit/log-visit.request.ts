import { z } from 'zod';
import {
  Day,
  DigitalTopicCode,
  EntityId,
  OccurredAt,
  ResidentKey,
  ShortNote,
  VillageCode,
} from '@cnscd/contracts';

/**
 * What a village team or partner sends to log a visit (HTTP body and NATS payload alike).
 * `commandId` is generated on the device when the visit is recorded and kept across retries, so a
 * visit synced twice (offline queue, flaky network) is logged once.
 */
export const LogVisitRequest = z
  .strictObject({
    commandId: EntityId,
    villageCode: VillageCode,
    householdId: EntityId,
    /** The team member who made the visit (id from the teams roster), if known. */
    teamMemberId: EntityId.nullable().default(null),
    occurredAt: OccurredAt,
    topics: z
      .array(DigitalTopicCode)
      .min(1, { error: 'Chọn ít nhất một chủ đề / Pick at least one topic' })
      .max(9),
    residentsGuided: z.array(ResidentKey).max(30).default([]),
    followUp: z
      .strictObject({
        topics: z.array(DigitalTopicCode).min(1).max(9),
        dueBy: Day.nullable().default(null),
      })
      .nullable()
      .default(null),
    note: ShortNote.nullable().default(null),
  })
  .meta({ id: 'LogVisitRequest' });

export type LogVisitRequest = z.output<typeof LogVisitRequest>;

export const LogVisitResponse = z
  .object({
    visitId: EntityId,
    commandId: EntityId,
    /** The event-store position of the visit: proof of the append, and the read model's checkpoint to wait for. */
    position: z.number().int(),
    // `unchanged`: the command changed nothing (sent again after the duplicate window, say).
    status: z.enum(['appended', 'duplicate', 'unchanged']),
  })
  .meta({ id: 'LogVisitResponse' });

export type LogVisitResponse = z.output<typeof LogVisitResponse>;
