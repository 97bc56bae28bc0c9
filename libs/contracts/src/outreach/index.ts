import type { z } from 'zod';
import {
  AdoptionConfirmationRetractedV1,
  AdoptionStageConfirmedV1,
  HouseholdRegisteredV1,
  ResidentConsentGivenV1,
  ResidentConsentWithdrawnV1,
  ResidentErasedV1,
  ResidentMovedV1,
  ResidentPersonalDetailsRecordedV1,
  ResidentRegisteredV1,
} from './resident-events';
import { VisitLoggedV1 } from './visit-logged';

export * from './resident-events';
export * from './visit-logged';

/**
 * Outreach events other services may consume, with their current schema version. The indicators
 * service counts distinct adopters per village, age band and date from: ResidentRegistered (village,
 * birth year), ResidentMoved (village from a date), AdoptionStageConfirmed and
 * AdoptionConfirmationRetracted (occurredAt = when it happened). ResidentErased changes no count.
 */
export const OutreachEvents = {
  VisitLogged: { version: 1, schema: VisitLoggedV1 },
  HouseholdRegistered: { version: 1, schema: HouseholdRegisteredV1 },
  ResidentRegistered: { version: 1, schema: ResidentRegisteredV1 },
  ResidentConsentGiven: { version: 1, schema: ResidentConsentGivenV1 },
  ResidentConsentWithdrawn: { version: 1, schema: ResidentConsentWithdrawnV1 },
  ResidentPersonalDetailsRecorded: { version: 1, schema: ResidentPersonalDetailsRecordedV1 },
  ResidentMoved: { version: 1, schema: ResidentMovedV1 },
  AdoptionStageConfirmed: { version: 1, schema: AdoptionStageConfirmedV1 },
  AdoptionConfirmationRetracted: { version: 1, schema: AdoptionConfirmationRetractedV1 },
  ResidentErased: { version: 1, schema: ResidentErasedV1 },
} as const satisfies Record<string, { version: number; schema: z.ZodType }>;

export type OutreachEventType = keyof typeof OutreachEvents;
