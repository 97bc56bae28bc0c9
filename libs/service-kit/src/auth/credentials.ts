import { Logger } from '@nestjs/common';
import type { EventStore, EventSubscription } from '@cnscd/event-store';
import { CredentialDirectory, IDENTITY_FILTER } from './credential-directory';
import type { Principal } from './principal';

/** How long a request with an unknown credential waits for newer identity events; start-up waits longer. */
const CATCH_UP_MS = 3000;
const START_UP_MS = 60_000;

/**
 * Keeps a CredentialDirectory up to date from the identity events in the stream (read from the start
 * and followed live) and authenticates against it. A credential not yet known is retried once the
 * directory has caught up with the stream, so a key issued a moment ago works on its first use.
 */
export class Credentials {
  private readonly logger = new Logger('Credentials');
  private readonly directory = new CredentialDirectory();
  private subscription?: EventSubscription;
  private waiters: { position: number; resolve: () => void }[] = [];
  private catchingUp?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly clock: { now(): Date },
  ) {}

  /** Starts following; resolves once everything already published has been applied. */
  async start(): Promise<void> {
    const subscription = this.store.subscribe({ filter: IDENTITY_FILTER, batchSize: 200 });
    this.subscription = subscription;
    void (async () => {
      for await (const batch of subscription) {
        for (const event of batch.events) this.directory.apply(event);
        this.directory.position = Math.max(this.directory.position, batch.position);
        this.waiters = this.waiters.filter((w) => (w.position <= batch.position ? void w.resolve() : true));
      }
    })().catch((err: Error) => this.logger.error(`Identity events stopped: ${err.message}`));
    await this.catchUp(START_UP_MS);
  }

  stop(): void {
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
