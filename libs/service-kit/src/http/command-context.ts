import { looksLikeCitizenId } from '@cnscd/contracts';
import { activeTraceHeaders, type CommandContext } from '@cnscd/event-store';
import type { Principal } from '../auth/principal';
import { continueTrace } from '../trace-context';

type Headers = Record<string, string | string[] | undefined> | { get(name: string): string | undefined };

/** One header of an HTTP request or a NATS message. */
export const header = (headers: Headers, name: string): string | undefined => {
  if (typeof (headers as { get?: unknown }).get === 'function')
    return (headers as { get(n: string): string }).get(name) || undefined;
  const v = (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

const SAFE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Builds the metadata every event carries (docs/mission/ARCHITECTURE.md §8) from the caller's credential and
 * headers: `X-Correlation-Id` (else the command id), `traceparent`/`tracestate` (W3C).
 */
export function commandContext(
  principal: Principal,
  commandId: string,
  occurredAt: string,
  headers: Headers,
): CommandContext {
  const correlation = header(headers, 'x-correlation-id');
  return {
    commandId,
    actor: { organisationId: principal.organisationId, userId: principal.actorId },
    correlationId:
      correlation && SAFE_ID.test(correlation) && !looksLikeCitizenId(correlation) ? correlation : commandId,
    causationId: commandId,
    trace:
      activeTraceHeaders() ??
      continueTrace(...safeTraceHeaders(header(headers, 'traceparent'), header(headers, 'tracestate'))),
    occurredAt,
  };
}

/** A trace header that could carry a citizen ID number is dropped: the request starts a new trace. */
export function safeTraceHeaders(traceparent?: string, tracestate?: string): [string?, string?] {
  if (traceparent && looksLikeCitizenId(traceparent)) return [];
  return [traceparent, tracestate && !looksLikeCitizenId(tracestate) ? tracestate : undefined];
}
