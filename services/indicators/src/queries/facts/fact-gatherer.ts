import type { Transaction } from 'kysely';
import type { RecordedEvent, UnreadableCommit } from '@cnscd/event-store';
import { contractViolation } from '@cnscd/contracts';
import { park, sortOutEvents, type ParkedEventInput } from '@cnscd/read-model';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { RebuildChanges } from '../aggregate/rebuild-changes';
import { factRows, indicatorsProjection, noFactRows, writeFactRows } from './indicators.projection';

/** Events whose facts are written in one transaction (one COPY per table): fewer, larger commits. */
const WRITE_EVENTS = 8000;
/**
 * Writes in flight at once: PostgreSQL loads them while Node.js gathers the next. With two, Node.js
 * still waited ≈ 0.17 s per 100,000 events for PostgreSQL to be scheduled; four: +4% (measured).
 */
export const WRITES_IN_FLIGHT = 4;

export interface GatherWrites {
  /**
   * Runs one write of gathered facts up to stream position `to` in a transaction: the single-threaded
   * fill with its checkpoint, a worker thread without (its fill writes the checkpoint once at the end).
   */
  readonly write: (to: number, work: (trx: Transaction<FactsDatabase>) => Promise<void>) => Promise<void>;
  /** A write has committed: `events` more are in, up to `to`. */
  readonly onWritten: (to: number, events: number) => void;
}

/**
 * What a rebuild does with the events it reads (decision 0012): each batch's facts and count changes
 * gathered into columns, written every `WRITE_EVENTS` events by binary COPY with what it parks, up to
 * `WRITES_IN_FLIGHT` writes at once. One per fill, or one per worker thread of a parallel fill
 * (decision 0014), each then seeing whole communes.
 */
export class FactGatherer {
  private readonly writes: Promise<void>[] = [];
  private failure: Error | undefined;
  private gathered = noFactRows();
  private gatheredEvents = 0;
  private gatheredTo = 0;
  private parked: ParkedEventInput[] = [];
  // Each resident's and merchant's count changes (decision 0012), into the same writes as the facts.
  private readonly changes = new RebuildChanges(() => this.gathered.columns);
  private readonly name: string;

  constructor(
    private readonly schema: string,
    private readonly writing: GatherWrites,
  ) {
    this.name = indicatorsProjection(schema).name;
  }

  /** A batch read from the stream; throws the first write that failed. */
  async add(
    events: readonly RecordedEvent[],
    unreadable: readonly UnreadableCommit[],
    position: number,
  ): Promise<void> {
    if (this.failure) throw this.failure;
    // What the live runner parks, the fill parks too: unreadable messages, contract violations.
    const sorted = sortOutEvents(this.name, events, unreadable, contractViolation);
    if (sorted.parked.length > 0) this.parked.push(...sorted.parked);
    factRows(sorted.valid, this.gathered, this.changes.observe);
    this.gatheredEvents += events.length;
    this.gatheredTo = position;
    if (this.gatheredEvents >= WRITE_EVENTS) await this.write();
  }

  /** Writes what is left and waits for every write; throws the first that failed. */
  async finish(): Promise<void> {
    if ((this.gatheredEvents > 0 || this.parked.length > 0) && !this.failure) await this.write();
    await this.settled();
    if (this.failure) throw this.failure;
  }

  /** Waits for the writes in flight, whatever they come to (a fill that failed elsewhere). */
  async settled(): Promise<void> {
    await Promise.all(this.writes);
  }

  private async write(): Promise<void> {
    if (this.writes.length >= WRITES_IN_FLIGHT) await this.writes.shift();
    const [rows, events, to, parks] = [this.gathered, this.gatheredEvents, this.gatheredTo, this.parked];
    [this.gathered, this.gatheredEvents, this.parked] = [noFactRows(), 0, []];
    const done = this.writing.write(to, async (trx) => {
      await writeFactRows(trx, this.schema, rows, { bulk: true });
      await park(trx as never, parks);
    });
    this.writes.push(
      done.then(
        () => this.writing.onWritten(to, events),
        (err: Error) => {
          this.failure ??= err;
        },
      ),
    );
  }
}
