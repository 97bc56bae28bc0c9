import type { Kysely } from 'kysely';
import {
  countParked,
  park,
  parkedEvents,
  unpark,
  unparkAll,
  type ParkedEvent,
  type ParkedEventInput,
} from './parking';

/** What operators see of a consumer of a stream (GET /v1/freshness, /health/ready). */
export interface ConsumerStatus {
  readonly name: string;
  /** The stream position the consumer reflects. */
  readonly checkpoint: number;
  /** True once it has caught up with the stream at least once. */
  readonly live: boolean;
  readonly parked: number;
  /** Set while reading or writing keeps failing (the database or NATS away): since when, and why. */
  readonly failing: { readonly since: string; readonly reason: string } | null;
}

/**
 * The state every consumer of a stream reports the same way — the projection runners, the credentials,
 * the audit follower: whether it has caught up, how long it has been failing and why, and its parked
 * events (kept under its name in the database it writes to).
 */
export class ConsumerState {
  live = false;
  private parkedCount = 0;
  private failure: ConsumerStatus['failing'] = null;

  constructor(
    readonly name: string,
    private readonly db: Kysely<unknown>,
  ) {}

  get parked(): number {
    return this.parkedCount;
  }

  status(checkpoint: number): ConsumerStatus {
    return { name: this.name, checkpoint, live: this.live, parked: this.parkedCount, failing: this.failure };
  }

  /** Notes a failure (kept from its first occurrence until `recovered`); answers its reason. */
  failed(err: unknown): string {
    const reason = (err as Error).message ?? String(err);
    this.failure = { since: this.failure?.since ?? new Date().toISOString(), reason };
    return reason;
  }

  recovered(): void {
    this.failure = null;
  }

  parkedEvents(limit = 1000): Promise<ParkedEvent[]> {
    return parkedEvents(this.db, this.name, limit);
  }

  /** Reads the number of parked events again (after parking, replaying or dismissing). */
  async recount(): Promise<number> {
    return (this.parkedCount = await countParked(this.db, this.name));
  }

  /** After a full replay: the parked events are exactly these (one transaction); answers how many. */
  async replaceParked(events: readonly ParkedEventInput[]): Promise<number> {
    await this.db.transaction().execute(async (trx) => {
      await unparkAll(trx, this.name);
      await park(trx, events);
    });
    return this.recount();
  }

  /** An operator decides a parked event will never apply; answers how many were taken out. */
  async dismiss(position: number, eventIndex?: number): Promise<number> {
    const removed = await unpark(this.db, this.name, position, eventIndex);
    await this.recount();
    return removed;
  }
}
