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

/** The same command id was already used for a command with different content (ARCHITECTURE §8). */
export interface RecordedCommit {
  readonly position: number;
  /** What the command id recorded, so the caller can see why its resend conflicts. */
  readonly events: readonly { readonly type: string; readonly data: unknown }[];
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
