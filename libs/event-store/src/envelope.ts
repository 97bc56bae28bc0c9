import { streamRefOf, validateStreamRef, type StreamRef } from './stream-ref';
import type { UpcasterRegistry } from './upcasters';

export interface Actor {
  /** The organisation that acted: a village team, the commune police, a bank, … */
  readonly organisationId: string;
  /** The person or machine credential within that organisation. */
  readonly userId: string;
}

export interface TraceContext {
  /** W3C trace context `traceparent` header value. */
  readonly traceparent: string;
  readonly tracestate?: string;
}

/** What the caller says about a command when appending its events (docs/mission/ARCHITECTURE.md §8). */
export interface AppendMetadata {
  readonly commandId: string;
  /** Hash of the command's content; a resend with another hash is a conflict. */
  readonly commandHash: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  readonly trace?: TraceContext;
  /** When it happened in the field; used for every event that does not carry its own. */
  readonly occurredAt: string;
}

/** An event to append. `eventId` defaults to one derived from the command id and position in the commit. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly schemaVersion?: number;
  readonly occurredAt?: string;
  readonly eventId?: string;
}

/** Metadata shared by every event of one commit (one command = one JetStream message). */
export interface CommitMetadata {
  readonly commandId: string;
  readonly commandHash: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  readonly trace?: TraceContext;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly stream: StreamRef;
  /** When it happened, as reported from the field. */
  readonly occurredAt: string;
  /** When the event store accepted it: the JetStream message timestamp (server clock). */
  readonly recordedAt: string;
  /** The stream sequence of the commit holding this event; also the aggregate's revision after it. */
  readonly position: number;
  /** Index of this event within its commit. */
  readonly index: number;
  readonly metadata: CommitMetadata;
}

/** The body of one JetStream message. Stream identity lives in the subject, not here. */
export interface CommitBody {
  readonly v: 1;
  readonly meta: CommitMetadata;
  readonly events: readonly {
    readonly id: string;
    readonly type: string;
    readonly sv: number;
    readonly at: string;
    readonly data: unknown;
  }[];
}

/**
 * A message on the event stream that is not a readable commit: not JSON, no events, a bad timestamp, a
 * subject outside the scheme, an upcaster that throws. It belongs to no aggregate's history; every
 * consumer parks it (position, subject, reason) and goes on (docs/mission/ARCHITECTURE.md §9).
 */
export interface UnreadableCommit {
  readonly position: number;
  readonly subject: string;
  readonly recordedAt: string;
  readonly reason: string;
}

export class UnreadableCommitError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableCommitError';
  }
}

/** The earliest day an event may say it happened: nothing in the plan is older. */
export const EARLIEST_OCCURRED_AT = '2000-01-01T00:00:00+07:00';
const EARLIEST_MS = Date.parse(EARLIEST_OCCURRED_AT);
/** How far past its recording an event may say it happened (clock skew on a phone). */
export const OCCURRED_AT_SKEW_MS = 24 * 3600_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** The regex, for the instants replay meets again and again only once each (replay is hot). */
let lastGoodInstant = '';
let lastGoodMs = NaN;
/** The instant in ms, or NaN when it is not an ISO 8601 instant with its offset. */
const instantMs = (at: string): number => {
  if (at === lastGoodInstant) return lastGoodMs;
  if (!ISO_INSTANT.test(at)) return NaN;
  lastGoodInstant = at;
  return (lastGoodMs = Date.parse(at));
};

const utf8 = new TextDecoder();
let lastMs = NaN;
let lastIso = '';
/** Commits appended in the same millisecond share their timestamp string (replay is hot). */
const isoOf = (ms: number) =>
  ms === lastMs ? lastIso : ((lastMs = ms), (lastIso = new Date(ms).toISOString()));

const isText = (v: unknown, max = 256): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

/** Why a commit's metadata cannot be read, or null. */
function metaProblem(meta: unknown): string | null {
  if (typeof meta !== 'object' || meta === null) return 'no meta';
  const m = meta as Partial<CommitMetadata>;
  if (!isText(m.commandId)) return 'meta.commandId is missing';
  if (!isText(m.commandHash)) return 'meta.commandHash is missing';
  if (typeof m.actor !== 'object' || m.actor === null) return 'meta.actor is missing';
  if (!isText(m.actor.organisationId) || !isText(m.actor.userId)) return 'meta.actor is incomplete';
  return null;
}

/** Why an event of a commit cannot be read, or null. `at` must lie between 2000 and a day after recording. */
function eventProblem(e: CommitBody['events'][number] | null, recordedAtMs: number): string | null {
  if (typeof e !== 'object' || e === null) return 'an event is not an object';
  if (!isText(e.id, 128)) return 'an event has no id';
  if (!isText(e.type, 128)) return 'an event has no type';
  if (!Number.isInteger(e.sv) || e.sv < 1)
    return `${e.type}: schema version ${String(e.sv)} is not a positive integer`;
  const at = typeof e.at === 'string' ? instantMs(e.at) : NaN;
  if (Number.isNaN(at)) return `${e.type}: occurred-at is not an ISO 8601 instant`;
  if (!(at >= EARLIEST_MS && at <= recordedAtMs + OCCURRED_AT_SKEW_MS))
    return `${e.type}: occurred-at ${e.at.slice(0, 40)} is outside 2000-01-01 … one day after it was recorded`;
  return null;
}

/** Contexts and aggregate types are few: each is checked against the scheme once. */
const goodNames = new Set<string>();
/** `validateStreamRef`, cheaper for replay: the commune and id by a character loop, the names once. */
function checkedStreamRef(ref: StreamRef): StreamRef {
  const { commune, context, aggregateType, aggregateId } = ref;
  let ok = commune.length === 5 && aggregateId.length > 0 && aggregateId.length <= 128;
  for (let i = 0; ok && i < 5; i++) ok = isDigit(commune.charCodeAt(i));
  for (let i = 0; ok && i < aggregateId.length; i++) ok = isIdChar(aggregateId.charCodeAt(i));
  if (!ok || !goodNames.has(context) || !goodNames.has(aggregateType)) {
    validateStreamRef(ref); // throws, naming the part at fault
    if (goodNames.size < 1000) goodNames.add(context).add(aggregateType);
  }
  return ref;
}
const isDigit = (c: number) => c >= 48 && c <= 57;
/** A-Z a-z 0-9 _ - */
const isIdChar = (c: number) =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;

/**
 * Decodes one commit message and pushes its events onto `into` (no intermediate arrays: replay is hot).
 * A message that is not a readable commit throws `UnreadableCommitError` and pushes nothing.
 */
export function decodeCommitInto(
  into: RecordedEvent[],
  subject: string,
  seq: number,
  recordedAtMs: number,
  payload: Uint8Array,
  upcasters: UpcasterRegistry,
  subjectPrefix: string,
): void {
  let body: CommitBody;
  let stream: StreamRef;
  try {
    body = JSON.parse(utf8.decode(payload)) as CommitBody;
    stream = checkedStreamRef(streamRefOf(subject, subjectPrefix));
  } catch (err) {
    throw new UnreadableCommitError((err as Error).message.slice(0, 300));
  }
  if (typeof body !== 'object' || body === null) throw new UnreadableCommitError('the body is not an object');
  const events = body.events;
  if (!Array.isArray(events) || events.length === 0)
    throw new UnreadableCommitError('the commit has no events');
  const problem = metaProblem(body.meta);
  if (problem) throw new UnreadableCommitError(problem);
  const recordedAt = isoOf(recordedAtMs);
  const start = into.length;
  try {
    for (let index = 0; index < events.length; index++) {
      const e = events[index]!;
      const invalid = eventProblem(e, recordedAtMs);
      if (invalid) throw new UnreadableCommitError(invalid);
      const { version, data } = upcasters.upcast(e.type, e.sv, e.data);
      into.push({
        eventId: e.id,
        type: e.type,
        schemaVersion: version,
        data,
        stream,
        occurredAt: e.at,
        recordedAt,
        position: seq,
        index,
        metadata: body.meta,
      });
    }
  } catch (err) {
    into.length = start;
    if (err instanceof UnreadableCommitError) throw err;
    throw new UnreadableCommitError(`upcasting failed: ${(err as Error).message}`.slice(0, 300));
  }
}
