import type { StreamRef } from './stream-ref';

/** Another command changed the aggregate between load and append: reload and decide again. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: StreamRef,
    readonly expectedRevision: number,
  ) {
    super(
      `Concurrency conflict on ${stream.context}/${stream.aggregateType}/${stream.aggregateId}: ` +
        `expected revision ${expectedRevision} is no longer the latest`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The same command id was already used for a command with different content (docs/mission/ARCHITECTURE.md §8). */
export interface RecordedCommit {
  readonly position: number;
  /**
   * What the command id recorded, so the caller can see why its resend conflicts: only when the caller's
   * organisation recorded it, and never sealed personal data (`recordedFor`).
   */
  readonly events?: readonly { readonly type: string; readonly data: unknown }[];
}

/**
 * What a caller may see of a commit its command id collides with: the events when its own organisation
 * recorded them, without their sealed personal details (`personal`); only the position otherwise.
 */
export function recordedFor(
  callerOrganisation: string,
  position: number,
  recordedBy: string,
  events: readonly { readonly type: string; readonly data: unknown }[],
): RecordedCommit {
  if (callerOrganisation !== recordedBy) return { position };
  const withoutSealed = (data: unknown) =>
    typeof data === 'object' && data !== null && 'personal' in data
      ? Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'personal'))
      : data;
  return { position, events: events.map((e) => ({ type: e.type, data: withoutSealed(e.data) })) };
}

export class CommandIdConflictError extends Error {
  constructor(
    readonly commandId: string,
    readonly recorded?: RecordedCommit,
  ) {
    super(`Command id ${commandId} was already used for a different command`);
    this.name = 'CommandIdConflictError';
  }
}

export class EventStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The event store did not answer: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'EventStoreUnavailableError';
  }
}

/** An append to the province hub's copy of the communes' streams: a commune's records are written at the commune. */
export class ReadOnlyCopyError extends Error {
  constructor(readonly streamName: string) {
    super(`${streamName} here is a copy of the communes' streams: it takes no appends`);
    this.name = 'ReadOnlyCopyError';
  }
}
