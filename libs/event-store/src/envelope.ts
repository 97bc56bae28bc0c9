import { streamRefOf, type StreamRef } from './stream-ref';
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

/** What the caller says about a command when appending its events (ARCHITECTURE §8). */
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

const utf8 = new TextDecoder();
let lastMs = NaN;
let lastIso = '';
/** Commits appended in the same millisecond share their timestamp string (replay is hot). */
const isoOf = (ms: number) =>
  ms === lastMs ? lastIso : ((lastMs = ms), (lastIso = new Date(ms).toISOString()));

/** Decodes one commit message and pushes its events onto `into` (no intermediate arrays: replay is hot). */
export function decodeCommitInto(
  into: RecordedEvent[],
  subject: string,
  seq: number,
  recordedAtMs: number,
  payload: Uint8Array,
  upcasters: UpcasterRegistry,
  subjectPrefix: string,
): void {
  const body = JSON.parse(utf8.decode(payload)) as CommitBody;
  const stream = streamRefOf(subject, subjectPrefix);
  const recordedAt = isoOf(recordedAtMs);
  const events = body.events;
  for (let index = 0; index < events.length; index++) {
    const e = events[index]!;
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
}
