import { z } from 'zod';
import { Day, EntityId, ResidentKey, ShortNote, VillageCode } from '../identifiers';
import { DIGITAL_TOPIC_CODES } from '../topics';

export const DigitalTopicCode = z.enum(DIGITAL_TOPIC_CODES);

export const FollowUp = z.object({
  /** Which topics the team promised to come back for. */
  topics: z.array(DigitalTopicCode).min(1).max(9),
  /** The date the household was promised, if any (YYYY-MM-DD). */
  dueBy: Day.nullable(),
});

/** A door-to-door visit to a household was logged. Version 1. */
export const VisitLoggedV1 = z.object({
  visitId: EntityId,
  villageCode: VillageCode,
  householdId: EntityId,
  /** The organisation whose team made the visit. */
  organisationId: z.string().min(1).max(64),
  /** The team member who visited, as the teams roster knows them (training service); null if not given. */
  teamMemberId: EntityId.nullable(),
  topics: z.array(DigitalTopicCode).min(1).max(9),
  residentsGuided: z.array(ResidentKey).max(30),
  followUp: FollowUp.nullable(),
  /** A short note without personal data. */
  note: ShortNote.nullable(),
});

export type VisitLoggedData = z.infer<typeof VisitLoggedV1>;
