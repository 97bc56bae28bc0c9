import { randomUUID } from 'node:crypto';

export interface RequestTrace {
  readonly traceparent: string;
  readonly tracestate?: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * 32 random hex digits (but the UUID's version and variant digits): `randomUUID` draws from an entropy
 * cache, where `randomBytes` asked the kernel on every command (≈ 2% of a busy service's CPU).
 */
const randomHex = () => randomUUID().replace(/-/g, '');

/**
 * W3C trace context: continue the caller's trace with a new span of ours, or start a new trace
 * when the caller sent none (or an invalid one).
 */
export function continueTrace(traceparent?: string, tracestate?: string): RequestTrace {
  const m = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  const span = randomHex().slice(0, 16);
  if (!m || /^0+$/.test(m[1]!)) return { traceparent: `00-${randomHex()}-${span}-01` };
  return {
    traceparent: `00-${m[1]}-${span}-${m[3]}`,
    ...(tracestate && tracestate.length <= 512 ? { tracestate } : {}),
  };
}
