import { header } from '../http/command-context';
import type { RequestHeaders } from './operation';

/** The `Prefer` token (RFC 7240 §4.1) by which a caller gives up read-your-writes for a faster answer. */
export const RESPOND_ASYNC = 'respond-async';

/**
 * Whether the caller sent `Prefer: respond-async` (HTTP or NATS headers): answer once the command is
 * durably appended, without waiting for the service's own read models to show it (read-your-writes).
 * A partner's service posting what it never reads back asks for it; the web app and phones do not.
 * Preferences are comma-separated tokens, case-insensitive, each with optional `=value` and `;params`;
 * unknown ones are ignored, as RFC 7240 asks.
 */
export function prefersRespondAsync(headers: RequestHeaders): boolean {
  const prefer = header(headers, 'prefer');
  if (!prefer) return false;
  return prefer
    .split(',')
    .some((preference) => preference.split(/[;=]/)[0]!.trim().toLowerCase() === RESPOND_ASYNC);
}
