import { Logger } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { contractViolation } from '@cnscd/contracts';
import type { EventBatch, EventStore, EventSubscription } from '@cnscd/event-store';
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
import { CredentialDirectory, IDENTITY_FILTER } from './credential-directory';
import type { Principal } from './principal';

/** How long a request with an unknown credential waits for newer identity events; start-up waits longer. */
const CATCH_UP_MS = 3000;
const START_UP_MS = 60_000;
const RETRY_MS = 1000;

/**
 * Keeps a CredentialDirectory up to date from the identity events in the stream (read from the start
 * and followed live) and authenticates against it. A credential not yet known is retried once the
 * directory has caught up with the stream, so a key issued a moment ago works on its first use.
 *
 * A consumer of the stream like the projections (ARCHITECTURE §9): an event it cannot apply is parked
 * in the service's database under `identity.credentials` and the events after it still apply, so a
 * key revoked after a malformed identity message is refused. A lost connection is retried.
 */
export class Credentials {
  readonly name = 'identity.credentials';
  readonly filter = IDENTITY_FILTER;
  private readonly logger = new Logger('Credentials');
  private directory = new CredentialDirectory();
  private subscription?: EventSubscription;
  private waiters: { position: number; resolve: () => void }[] = [];
  private catchingUp?: Promise<void>;
  private stopped = false;
  private readonly state: ConsumerState;

  constructor(
    private readonly store: EventStore,
    private readonly clock: { now(): Date },
    private readonly db: Kysely<unknown>,
  ) {
    this.state = new ConsumerState(this.name, db);
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

  async authenticate(credential: string | undefined): Promise<Principal> {
    try {
      return await this.directory.authenticate(credential, this.clock.now());
    } catch (err) {
      if (!CredentialDirectory.mayBeNewer(err)) throw err;
      await this.catchUp(CATCH_UP_MS).catch(() => undefined);
      return this.directory.authenticate(credential, this.clock.now());
    }
  }

  parked(limit = 1000): Promise<ParkedEvent[]> {
    return this.state.parkedEvents(limit);
  }

  /**
   * Replays every identity event into a fresh directory (a key's issue and its revocation must apply in
   * order), parking again what still cannot be applied, then swaps it in.
   */
  async replayParked(): Promise<ReplayResult> {
    const before = this.state.parked;
    const fresh = new CredentialDirectory();
    const parked: ParkedEventInput[] = [];
    do {
      const after = fresh.position;
      for await (const batch of this.store.readAll({ after, filter: IDENTITY_FILTER, batchSize: 500 })) {
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

  /** Follows the identity events until stopped; a failure (NATS away) resumes after the last applied. */
  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        const subscription = this.store.subscribe({
          after: this.directory.position,
          filter: IDENTITY_FILTER,
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
        this.logger.error(`Identity events stopped, retrying: ${this.state.failed(err)}`);
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  /** Applies a batch to a directory; answers what had to be parked (unreadable, off-contract, throwing). */
  private applyTo(directory: CredentialDirectory, batch: EventBatch): ParkedEventInput[] {
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
      this.logger.error(`Could not record ${parked.length} parked identity events: ${err.message}`),
    );
    await this.state.recount().catch(() => undefined);
  }

  /** Waits until every identity event in the stream now has been applied (one catch-up at a time). */
  private catchUp(timeoutMs: number): Promise<void> {
    this.catchingUp ??= (async () => {
      const last = await this.store.lastPosition(IDENTITY_FILTER);
      if (this.directory.position >= last) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('identity events not caught up in time')), timeoutMs);
        this.waiters.push({ position: last, resolve: () => (clearTimeout(timer), resolve()) });
      });
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }
}
