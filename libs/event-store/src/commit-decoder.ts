import {
  decodeCommitInto,
  UnreadableCommitError,
  type RecordedEvent,
  type UnreadableCommit,
} from './envelope';
import { DEFAULT_SUBJECT_PREFIX } from './stream-ref';
import { UpcasterRegistry } from './upcasters';

/** A commit as the stream holds it, not decoded: what `EventStore.readAllRaw` yields. */
export interface RawCommit {
  readonly subject: string;
  /** Its stream position. */
  readonly position: number;
  /** When the stream stored it, in milliseconds since the epoch. */
  readonly recordedAtMs: number;
  readonly data: Uint8Array;
}

/**
 * Decodes stored commits into events, upcast (`decodeCommitInto`); a commit that is not readable is
 * answered, not thrown. What the event store decodes with, and what a reader that decodes elsewhere (a
 * rebuild's worker thread) constructs with the same upcasters and subject prefix.
 */
export class CommitDecoder {
  constructor(
    private readonly upcasters: UpcasterRegistry = new UpcasterRegistry(),
    private readonly subjectPrefix: string = DEFAULT_SUBJECT_PREFIX,
  ) {}

  /** Pushes the commit's events onto `into`; or, pushing nothing, answers why it cannot be read. */
  decodeInto(into: RecordedEvent[], commit: RawCommit): UnreadableCommit | undefined {
    const { subject, position, recordedAtMs, data } = commit;
    try {
      decodeCommitInto(into, subject, position, recordedAtMs, data, this.upcasters, this.subjectPrefix);
      return undefined;
    } catch (err) {
      if (!(err instanceof UnreadableCommitError)) throw err;
      return { position, subject, recordedAt: new Date(recordedAtMs).toISOString(), reason: err.message };
    }
  }
}
