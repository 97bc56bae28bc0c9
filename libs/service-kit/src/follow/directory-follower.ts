import { Logger } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { contractViolation } from '@cnscd/contracts';
import type {
  EventBatch,
  EventStore,
  EventSubscription,
  RecordedEvent,
  StreamFilter,
} from '@cnscd/event-store';
import {
  ConsumerState,
  park,
  parkedEvent,
  sortOutEvents,
  type ConsumerStatus,
  type ParkedEvent,
  type ParkedEventInput,
  type ReplayResult,
} from '@cnscd/read-model';

/** What a follower keeps in memory: folded from the events it follows, up to `position`. */
export interface FollowedDirectory {
  position: number;
  /** Applies one event; throws for an event it cannot apply (it is then parked). */
  apply(event: RecordedEvent): void;
}

/** How long start-up waits for the directory to catch up with the stream. */
const START_UP_MS = 60_000;
const RETRY_MS = 1000;

/**
 * Keeps an in-memory directory up to date from the events of `filter` (read from the start and
 * followed live), for decisions every request needs at once: the credentials it accepts, the villages
 * it knows. Something not yet known may be newer than the directory: `catchUp` waits until everything
 * published by now is applied, so a key issued or a village registered a moment ago works at once.
 *
 * A consumer of the stream like the projections (docs/mission/ARCHITECTURE.md §9): an event it cannot apply is parked
 * in the service's database under its name and the events after it still apply. A lost connection is
 * retried from the last applied event.
 */
export abstract class DirectoryFollower<D extends FollowedDirectory> {
  protected directory: D;
  protected readonly logger: Logger;
  private subscription?: EventSubscription;
  private waiters: { position: number; resolve: () => void }[] = [];
  private catchingUp?: Promise<void>;
  private stopped = false;
  private readonly state: ConsumerState;

  protected constructor(
    readonly name: string,
    readonly filter: StreamFilter,
    private readonly fresh: () => D,
    private readonly store: EventStore,
    private readonly db: Kysely<unknown>,
  ) {
    this.directory = fresh();
    this.logger = new Logger(name);
    this.state = new ConsumerState(name, db);
  }

  get checkpoint(): number {
    return this.directory.position;
  }

  get isLive(): boolean {
    return this.state.live;
  }

  status(): ConsumerStatus {
    return this.state.status(this.checkpoint);
  }

  /** Starts following; resolves once everything already published has been applied. */
  async open(): Promise<void> {
    await this.state.recount();
    void this.follow();
    await this.catchUp(START_UP_MS);
  }

  stop(): void {
    this.stopped = true;
    this.subscription?.close();
  }

  parked(limit = 1000): Promise<ParkedEvent[]> {
    return this.state.parkedEvents(limit);
  }

  /**
   * Replays every followed event into a fresh directory (events apply in order: a key's issue before
   * its revocation, a village's registration before its merger), parking again what still cannot be
   * applied, then swaps it in.
   */
  async replayParked(): Promise<ReplayResult> {
    const before = this.state.parked;
    const fresh = this.fresh();
    const parked: ParkedEventInput[] = [];
    do {
      const after = fresh.position;
      for await (const batch of this.store.readAll({ after, filter: this.filter, batchSize: 500 })) {
        parked.push(...this.applyTo(fresh, batch));
        fresh.position = Math.max(fresh.position, batch.position);
      }
      if (fresh.position === after) break;
    } while (fresh.position < this.directory.position);
    const stillParked = await this.state.replaceParked(parked);
    this.directory = fresh;
    return { replayed: Math.max(0, before - stillParked), stillParked };
  }

  dismissParked(position: number, eventIndex?: number): Promise<number> {
    return this.state.dismiss(position, eventIndex);
  }

  /** Waits until every followed event in the stream now has been applied (one catch-up at a time). */
  protected catchUp(timeoutMs: number): Promise<void> {
    this.catchingUp ??= (async () => {
      const last = await this.store.lastPosition(this.filter, this.directory.position);
      if (this.directory.position >= last) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${this.name} not caught up in time`)), timeoutMs);
        this.waiters.push({ position: last, resolve: () => (clearTimeout(timer), resolve()) });
      });
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  /** Follows the events until stopped; a failure (NATS away) resumes after the last applied. */
  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        const subscription = this.store.subscribe({
          after: this.directory.position,
          filter: this.filter,
          batchSize: 200,
        });
        this.subscription = subscription;
        if (this.stopped) subscription.close();
        for await (const batch of subscription) {
          const parked = this.applyTo(this.directory, batch);
          if (parked.length > 0) await this.park(parked);
          this.directory.position = Math.max(this.directory.position, batch.position);
          this.state.recovered();
          if (batch.caughtUp) this.state.live = true;
          this.waiters = this.waiters.filter((w) => (w.position <= batch.position ? void w.resolve() : true));
        }
      } catch (err) {
        if (this.stopped) break;
        this.logger.error(`Following stopped, retrying: ${this.state.failed(err)}`);
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  /** Applies a batch to a directory; answers what had to be parked (unreadable, off-contract, throwing). */
  private applyTo(directory: D, batch: EventBatch): ParkedEventInput[] {
    const fresh = batch.events.filter((e) => e.position > directory.position);
    const unreadable = batch.unreadable.filter((u) => u.position > directory.position);
    const { valid, parked } = sortOutEvents(this.name, fresh, unreadable, contractViolation);
    for (const event of valid) {
      try {
        directory.apply(event);
      } catch (err) {
        parked.push(parkedEvent(this.name, event, (err as Error).message));
      }
    }
    return parked;
  }

  /** Parking needs the database; if it is away, the events are still skipped and the count kept. */
  private async park(parked: readonly ParkedEventInput[]): Promise<void> {
    for (const p of parked)
      this.logger.error(`Parked ${p.type ?? 'a message'} at position ${p.position}: ${p.reason}`);
    await park(this.db, parked).catch((err: Error) =>
      this.logger.error(`Could not record ${parked.length} parked events: ${err.message}`),
    );
    await this.state.recount().catch(() => undefined);
  }
}
