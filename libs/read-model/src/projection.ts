import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventStore, EventSubscription, RecordedEvent, StreamFilter } from '@cnscd/event-store';

export interface Projection<DB> {
  /** The checkpoint's key: change it (for example add a version suffix) to rebuild from scratch. */
  readonly name: string;
  readonly filter?: StreamFilter;
  readonly batchSize?: number;
  /**
   * Writes the effect of a batch of events on the rows. Must be idempotent: applying the same
   * event again leaves the rows as they were (redelivery after a crash, a rebuild, a test).
   */
  readonly apply: (trx: Transaction<DB>, events: readonly RecordedEvent[]) => Promise<void>;
}

interface CheckpointTable {
  read_model_checkpoints: { projection: string; position: string | number; updated_at: unknown };
}

export async function readCheckpoint(db: Kysely<unknown>, projection: string): Promise<number> {
  const row = await (db as unknown as Kysely<CheckpointTable>)
    .selectFrom('read_model_checkpoints')
    .select('position')
    .where('projection', '=', projection)
    .executeTakeFirst();
  return row ? Number(row.position) : 0;
}

/** Rows and checkpoint in ONE transaction: after a crash either both are written or neither. */
export function applyBatch<DB>(
  db: Kysely<DB>,
  projection: Projection<DB>,
  events: readonly RecordedEvent[],
  position: number,
): Promise<void> {
  return writeWithCheckpoint(db, projection.name, position, (trx) =>
    events.length > 0 ? projection.apply(trx, events) : Promise.resolve(),
  );
}

/**
 * Any write and a projection's checkpoint in ONE transaction (`applyBatch`, or a rebuild writing
 * rows it gathered from many batches). The checkpoint never moves back.
 */
export async function writeWithCheckpoint<DB>(
  db: Kysely<DB>,
  projection: string,
  position: number,
  write: (trx: Transaction<DB>) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Read models are derived: after a crash, rows and checkpoint are lost together and replayed, so
    // waiting for the disk on every projection commit buys nothing (the event store has fsynced).
    await sql`set local synchronous_commit = off`.execute(trx);
    await write(trx);
    await (trx as unknown as Transaction<CheckpointTable>)
      .insertInto('read_model_checkpoints')
      .values({ projection, position, updated_at: sql`now()` })
      .onConflict((oc) =>
        oc.column('projection').doUpdateSet({
          position: sql`greatest(read_model_checkpoints.position, excluded.position)`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
  });
}

export interface ProjectionLogger {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Keeps one projection up to date: catch up from the stored checkpoint, then follow live. A failure
 * (database or NATS down) is logged and retried from the stored checkpoint, so nothing is skipped.
 */
export class ProjectionRunner<DB> {
  private position = 0;
  private live = false;
  private stopped = false;
  private subscription: EventSubscription | undefined;
  private loop: Promise<void> | undefined;
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<DB>,
    private readonly projection: Projection<DB>,
    private readonly logger: ProjectionLogger = { log: () => undefined, error: (m) => console.error(m) },
    private readonly retryDelayMs = 1000,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  get filter() {
    return this.projection.filter ?? {};
  }

  /** The stream position the rows reflect. */
  get checkpoint(): number {
    return this.position;
  }

  /** True once the projection has caught up with the stream at least once. */
  get isLive(): boolean {
    return this.live;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.close();
    await this.loop;
    for (const w of this.waiters.splice(0)) w.resolve(false);
  }

  /** Resolves true once the rows reflect `position` (read-your-writes), false after the timeout. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      waiter.resolve = (reached) => (clearTimeout(timer), resolve(reached));
      this.waiters.push(waiter);
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        this.position = await readCheckpoint(this.db as Kysely<unknown>, this.projection.name);
        this.resolveWaiters();
        this.subscription = this.store.subscribe({
          after: this.position,
          filter: this.projection.filter,
          batchSize: this.projection.batchSize,
        });
        if (this.stopped) this.subscription.close();
        for await (const batch of this.subscription) {
          const fresh = batch.events.filter((e) => e.position > this.position);
          await applyBatch(this.db, this.projection, fresh, batch.position);
          this.advance(batch.position, batch.caughtUp);
        }
      } catch (err) {
        if (this.stopped) break;
        this.logger.error(`Projection ${this.projection.name} failed, retrying: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, this.retryDelayMs));
      }
    }
  }

  private advance(position: number, caughtUp: boolean): void {
    this.position = position;
    if (caughtUp && !this.live) {
      this.live = true;
      this.logger.log(`Projection ${this.projection.name} is live at position ${position}`);
    }
    this.resolveWaiters();
  }

  private resolveWaiters(): void {
    const reached = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    for (const w of reached) w.resolve(true);
  }
}
