import type { z } from 'zod';
import { IdentityEvents } from './identity';
import { IndicatorsEvents } from './indicators';
import { MerchantsEvents } from './merchants';
import { OutreachEvents } from './outreach';
import { TrainingEvents } from './training';

export interface EventContract {
  readonly version: number;
  readonly schema: z.ZodType;
}

/** Every event one service publishes for the others to read, by bounded context and type. */
export const EVENT_CONTRACTS: Readonly<Record<string, Readonly<Record<string, EventContract>>>> = {
  identity: IdentityEvents,
  outreach: OutreachEvents,
  merchants: MerchantsEvents,
  training: TrainingEvents,
  indicators: IndicatorsEvents,
};

/**
 * The schema version a bounded context's events are written with now, by type (1 for a type without a
 * published contract): what `handleCommand` records each new event under.
 */
export const eventVersionIn =
  (context: string) =>
  (type: string): number =>
    EVENT_CONTRACTS[context]?.[type]?.version ?? 1;

/** What a consumer knows of an event it is about to apply (a RecordedEvent fits). */
export interface EventToCheck {
  readonly stream: { readonly context: string };
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * Why an event does not match its published contract (after upcasting), or null when it does or has
 * none. A consumer parks such an event rather than apply it (docs/mission/ARCHITECTURE.md §9). The reason names the
 * field at fault, never its value.
 */
export function contractViolation(event: EventToCheck): string | null {
  const contract = EVENT_CONTRACTS[event.stream.context]?.[event.type];
  if (!contract) return null;
  if (event.schemaVersion !== contract.version)
    return `${event.type}: schema version ${event.schemaVersion} is not known here (this version reads ${contract.version}; an upcaster is missing)`;
  const check = contract.schema.safeParse(event.data);
  if (check.success) return null;
  const issue = check.error.issues[0]!;
  return `${event.type}: ${issue.path.join('.') || '(data)'}: ${issue.message}`;
}
