import type { z } from 'zod';
import { VisitLoggedV1 } from './visit-logged';

export * from './visit-logged';

/** Outreach events other services may consume, with their current schema version. */
export const OutreachEvents = {
  VisitLogged: { version: 1, schema: VisitLoggedV1 },
} as const satisfies Record<string, { version: number; schema: z.ZodType }>;

export type OutreachEventType = keyof typeof OutreachEvents;
