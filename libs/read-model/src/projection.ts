// Long: the projection runner is one loop (catch up, go live, write rows and checkpoint together,
// park what cannot be applied, retry from the checkpoint); its steps share state and read best together.
import { SpanKind } from '@opentelemetry/api';
import { sql, type Kysely, type OperationNodeSource, type Transaction } from 'kysely';
import {
  causedBy,
  inSpan,
  tracingOn,
  type EventBatch,
  type EventStore,
  type EventSubscription,
  type RecordedEvent,
  type StreamFilter,
  type UnreadableCommit,
} from '@cnscd/event-store';
import { atCommit } from './at-commit';
import { ConsumerState, type ConsumerStatus } from './consumer-state';
import type { BatchSource } from './shared-reading';
import {
  WHOLE_COMMIT,
  park,
  parkedCommit,
  parkedEvent,
  unpark,
  type ParkedEvent,
  type ParkedEventInput,
} from './parking';

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
  /**
   * Set by `statementsProjection`: the batch's writes as statements built on `db`, sent with the
   * checkpoint as one statement.
   */
  readonly statements?: (db: Kysely<DB>, events: readonly RecordedEvent[]) => readonly ProjectionStatement[];
  /**
   * The events `apply` changes rows for, when its filter lets others through (default: all). A batch
   * with none of them costs no transaction: the runner moves on in memory and stores the checkpoint
   * with its next write, or after `UNSTORED_CHECKPOINT_MS` — after a restart at most that much is read
   * again, and applying it again changes nothing.
   */
  readonly handles?: (event: RecordedEvent) => boolean;
  /**
   * Once caught up, how long the runner waits after each batch before it takes the next, so that what
   * arrives meanwhile is applied together: one transaction (four round trips to PostgreSQL at least)
   * for many events under load. A write that waits for the projection (read-your-writes, `waitFor`)
   * ends the wait at once, so only reads that do not wait see the delay. Default `LINGER_MS`.
   */
  readonly lingerMs?: number;
}

/** A write a projection hands the runner: a Kysely statement (`insertInto(…)…`), not yet executed. */
export interface ProjectionStatement extends OperationNodeSource {
  execute(): Promise<unknown>;
}

/**
 * A projection whose batch is a few statements that need nothing back from one another (inserts into
 * different tables, `on conflict do nothing`): the runner sends a batch of up to `ONE_STATEMENT_EVENTS`
 * with the checkpoint as ONE statement (`with s0 as (…), s1 as (…) insert … checkpoint`) — one round
 * trip and no `begin`/`commit`, atomic as any statement is — where a transaction took three. A visit's
 * read-your-writes wait is such a batch (issue 17: each round trip ≈ 0.7 ms at one writer). A larger
 * batch, one that parks an event, a replay and a rebuild run the same statements one by one in a
 * transaction (`apply`). The statements run on one snapshot, so none may read or write what another
 * writes.
 */
export function statementsProjection<DB>(
  projection: Omit<Projection<DB>, 'apply' | 'statements'> & {
    readonly statements: (db: Kysely<DB>, events: readonly RecordedEvent[]) => readonly ProjectionStatement[];
  },
): Projection<DB> {
  return {
    ...projection,
    apply: async (trx, events) => {
      for (const statement of projection.statements(trx, events)) await statement.execute();
    },
  };
}

/**
 * Every runner's linger unless its projection says otherwise: with it, identity's and training's
 * transactions per 1,000 commands fell from ≈ 245 to ≈ 42 under the write-path benchmark (issue 17).
 */
export const LINGER_MS = 50;

/**
 * How long a write may wait for its event while the runner, idle, receives nothing at all, before the
 * runner takes its consumer for stalled and reads on from its checkpoint through a new one. An
 * acknowledged event reaches a live consumer in milliseconds; on a 3-node cluster whose stream leader
 * was killed, consumers were seen to receive new events only when their pull expired (issue 20), so
 * that every write waited out its whole read-your-writes bound.
 */
export const STALLED_CONSUMER_MS = 1_000;

/** How long a runner may go on without storing its checkpoint, while its batches hold nothing to write. */
export const UNSTORED_CHECKPOINT_MS = 5_000;

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

/**
 * Rows and checkpoint as a runner writes a batch with nothing to park (`writeSortedOut`): after a crash
 * either both are written or neither.
 */
export function applyBatch<DB>(
  db: Kysely<DB>,
  projection: Projection<DB>,
  events: readonly RecordedEvent[],
  position: number,
): Promise<void> {
  return writeSortedOut(db, projection, { valid: events, parked: [] }, position);
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
    await write(trx);
    await atCommit(trx, checkpointStatement(trx as never, projection, position));
  });
}

/**
 * The checkpoint's upsert, sent with the commit (`atCommit`: one round trip for both; before, a batch
 * took five — `BEGIN`, `SET LOCAL synchronous_commit`, the rows, the checkpoint, `COMMIT`; issue 17).
 * Read models are derived: after a crash, rows and checkpoint are lost together and replayed, so
 * waiting for the disk on every projection commit buys nothing (the event store has fsynced);
 * `set_config(…, true)` is `SET LOCAL`, read at the commit. Its values are literals in the text
 * (`sql.lit`: the simple protocol that carries two statements takes no parameters).
 */
function checkpointStatement(trx: Kysely<CheckpointTable>, projection: string, position: number) {
  if (!Number.isSafeInteger(position) || position < 0) throw new Error(`Not a stream position: ${position}`);
  return trx
    .insertInto('read_model_checkpoints')
    .columns(['projection', 'position', 'updated_at'])
    .expression(
      sql`select ${sql.lit(projection)}::text, ${sql.lit(position)}::bigint, now()
        where set_config('synchronous_commit', 'off', true) = 'off'`,
    )
    .onConflict((oc) =>
      oc.column('projection').doUpdateSet({
        position: sql`greatest(read_model_checkpoints.position, excluded.position)`,
        updated_at: sql`now()`,
      }),
    );
}

export interface ProjectionLogger {
  log(message: string): void;
  error(message: string): void;
}

/** Why an event must not be applied (it breaks its contract, say), or null. Must not throw. */
export type EventCheck = (event: RecordedEvent) => string | null;

export interface RunnerOptions {
  readonly logger?: ProjectionLogger;
  /** Checked before the projection sees an event: a failing event is parked, not applied. */
  readonly check?: EventCheck;
  readonly retryDelayMs?: number;
  /**
   * Where batches come from: the event store itself (default), or a `SharedReading` of the service's
   * own context that feeds several runners from one consumer.
   */
  readonly reading?: BatchSource;
}

export interface ReplayResult {
  readonly replayed: number;
  readonly stillParked: number;
}

/**
 * Keeps one projection up to date: catch up from the stored checkpoint, then follow live. An event it
 * cannot apply — an unreadable message, a contract violation, a write the database refuses while it
 * answers everything else — is parked (parking.ts) and the events after it go on. Only a failure of the
 * database or NATS themselves is retried from the stored checkpoint, so nothing is skipped.
 */
export class ProjectionRunner<DB> {
  private position = 0;
  private stopped = false;
  private readonly state: ConsumerState;
  private subscription: EventSubscription | undefined;
  private loop: Promise<void> | undefined;
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];
  private readonly advanceListeners = new Set<() => void>();
  /** Ends the linger under way (`lingerMs`), if any: a write waits, or the runner stops. */
  private endLinger: (() => void) | undefined;
  private turn: Promise<unknown> = Promise.resolve();
  /** Batches received since the start, and whether one is being applied (`watchForStall`). */
  private received = 0;
  private applying = false;
  /** When the checkpoint was last stored (0: not since the start), see `Projection.handles`. */
  private storedAt = 0;
  private readonly logger: ProjectionLogger;
  private readonly retryDelayMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<DB>,
    private readonly projection: Projection<DB>,
    options: RunnerOptions = {},
  ) {
    this.logger = options.logger ?? { log: () => undefined, error: (m) => console.error(m) };
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.check = options.check ?? (() => null);
    this.reading = options.reading ?? store;
    this.state = new ConsumerState(projection.name, db as Kysely<unknown>);
  }

  private readonly check: EventCheck;
  private readonly reading: BatchSource;

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
    return this.state.live;
  }

  status(): ConsumerStatus {
    return this.state.status(this.position);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.endLinger?.();
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
      const stall = this.watchForStall(waiter);
      waiter.resolve = (reached) => (clearTimeout(timer), clearTimeout(stall), resolve(reached));
      this.waiters.push(waiter);
      // A write waits for its event: take what has arrived now.
      this.endLinger?.();
    });
  }

  /**
   * Calls `listener` each time the checkpoint moves (a batch written), without the side effects of a
   * waiting write (`waitFor` ends the linger and watches for a stalled consumer): for work that follows
   * the rows the projection writes, instead of polling them. A listener that throws is logged, and the
   * projection goes on. Answers how to stop listening.
   */
  onAdvance(listener: () => void): () => void {
    this.advanceListeners.add(listener);
    return () => this.advanceListeners.delete(listener);
  }

  /**
   * If nothing at all arrives within `STALLED_CONSUMER_MS` while the runner is idle and the write still
   * waits, the consumer is stalled: the subscription is closed, and the run loop subscribes again from
   * the checkpoint (what it does after any failure).
   */
  private watchForStall(waiter: { position: number }): NodeJS.Timeout {
    const [received, subscription] = [this.received, this.subscription];
    return setTimeout(() => {
      const stalled = this.received === received && !this.applying && this.subscription === subscription;
      if (!stalled || this.stopped || !this.waiters.includes(waiter as never)) return;
      this.logger.log(
        `Projection ${this.name} received nothing in ${STALLED_CONSUMER_MS} ms while a write waits for ` +
          `position ${waiter.position}: reading on from its checkpoint through a new consumer`,
      );
      subscription?.close();
    }, STALLED_CONSUMER_MS);
  }

  parked(limit = 1000): Promise<ParkedEvent[]> {
    return this.state.parkedEvents(limit);
  }

  /**
   * Applies every parked event again, as the code now reads it (after an upcaster or a fix): those that
   * apply leave the parking, the others stay with their new reason. Applied now, after the events that
   * followed them: for a projection whose rows depend on order, prefer a rebuild.
   */
  replayParked(): Promise<ReplayResult> {
    return this.exclusive(async () => {
      let replayed = 0;
      for (const row of await this.parked(10_000)) {
        const commit = await this.store.readCommit(row.position);
        if (!commit) continue;
        if (commit.unreadable) {
          await park(this.db as Kysely<unknown>, [parkedCommit(this.name, commit.unreadable)]);
          continue;
        }
        const events = commit.events.filter(
          (e) => row.eventIndex === WHOLE_COMMIT || e.index === row.eventIndex,
        );
        // Parked again under the events' own keys (a whole commit now readable parks event by event).
        const { parked } = this.sortOut(events);
        if (parked.length === 0) {
          const why = await this.whyNotAlone(events);
          if (why !== null) parked.push(...events.map((e) => parkedEvent(this.name, e, why)));
        }
        const db = this.db as Kysely<unknown>;
        await db.transaction().execute(async (trx) => {
          await unpark(trx, this.name, row.position, row.eventIndex);
          await park(trx, parked);
        });
        if (parked.length === 0) replayed++;
      }
      return { replayed, stillParked: await this.state.recount() };
    });
  }

  /** An operator decides a parked event will never apply (garbage published by mistake, say). */
  dismissParked(position: number, eventIndex?: number): Promise<number> {
    return this.exclusive(() => this.state.dismiss(position, eventIndex));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        this.position = await readCheckpoint(this.db as Kysely<unknown>, this.projection.name);
        await this.state.recount();
        this.resolveWaiters();
        this.subscription = this.reading.subscribe({
          after: this.position,
          filter: this.projection.filter,
          batchSize: this.projection.batchSize,
        });
        if (this.stopped) this.subscription.close();
        for await (const batch of this.subscription) {
          this.received++;
          this.applying = true;
          await this.exclusive(() => this.traced(batch)).finally(() => (this.applying = false));
          this.state.recovered();
          this.advance(batch.position, batch.caughtUp);
          if (batch.caughtUp) await this.linger();
        }
      } catch (err) {
        if (this.stopped) break;
        const reason = this.state.failed(err);
        this.logger.error(`Projection ${this.projection.name} failed, retrying: ${reason}`);
        await new Promise((r) => setTimeout(r, this.retryDelayMs));
      }
    }
  }

  /** Waits `lingerMs`, unless a write waits already or starts waiting meanwhile (`waitFor`). */
  private linger(): Promise<void> {
    const ms = this.projection.lingerMs ?? LINGER_MS;
    if (ms <= 0 || this.stopped || this.waiters.length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.endLinger?.(), ms);
      this.endLinger = () => {
        clearTimeout(timer);
        this.endLinger = undefined;
        resolve();
      };
    });
  }

  /** Splits a batch's events into those to apply and those to park (unreadable, or failing the check). */
  private sortOut(events: readonly RecordedEvent[], unreadable: readonly UnreadableCommit[] = []) {
    return sortOutEvents(this.name, events, unreadable, this.check);
  }

  /** The batch's work in a span continuing (or linking) the traces of the commits it applies. */
  private traced(batch: EventBatch): Promise<void> {
    if (!tracingOn() || batch.events.length === 0) return this.handle(batch);
    const { parent, links } = causedBy(batch.events.map((e) => e.metadata.trace));
    const span = {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'cnscd.projection': this.name,
        'cnscd.events': batch.events.length,
        'cnscd.position': batch.position,
      },
    };
    return inSpan(`apply ${this.name}`, span, parent, () => this.handle(batch));
  }

  private async handle(batch: EventBatch): Promise<void> {
    const { valid, parked } = this.sortOut(
      batch.events.filter((e) => e.position > this.position),
      batch.unreadable.filter((u) => u.position > this.position),
    );
    if (valid.length === 0 && parked.length === 0 && batch.position <= this.position) return;
    if (this.nothingToWrite(valid, parked)) return;
    try {
      await writeSortedOut(this.db, this.projection, { valid, parked }, batch.position);
      this.storedAt = Date.now();
    } catch (err) {
      if (await this.isTransient(err)) throw err;
      // Something in the batch cannot be applied: apply its events one by one and park those that fail.
      for (const e of valid) {
        const why = await this.whyNotAlone([e]);
        if (why !== null) parked.push(parkedEvent(this.name, e, why));
      }
      await writeWithCheckpoint(this.db, this.name, batch.position, (trx) => park(trx as never, parked));
      this.storedAt = Date.now();
    }
    if (parked.length > 0) {
      await this.state.recount();
      for (const p of parked)
        this.logger.error(
          `Projection ${this.name} parked ${p.type ?? 'a message'} at position ${p.position}: ${p.reason}`,
        );
    }
  }

  /**
   * True when the batch changes no row and the checkpoint may wait: it holds no event (a shared reading's
   * batch of others' events) or none the projection handles (`Projection.handles`).
   */
  private nothingToWrite(valid: readonly RecordedEvent[], parked: readonly ParkedEventInput[]): boolean {
    if (parked.length > 0) return false;
    const handles = this.projection.handles ?? (() => true);
    if (valid.some(handles)) return false;
    return Date.now() - this.storedAt < UNSTORED_CHECKPOINT_MS;
  }

  /**
   * Applies events in a transaction of their own; answers why they cannot be applied, or null when they
   * were. Tried twice before the events are blamed; a database or NATS failure is thrown instead.
   */
  private async whyNotAlone(events: readonly RecordedEvent[]): Promise<string | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.transaction().execute((trx) => this.projection.apply(trx, events));
        return null;
      } catch (err) {
        if (await this.isTransient(err)) throw err;
        if (attempt >= 2) return (err as Error).message ?? String(err);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** A failure of the database itself (it does not answer, or says it is shutting down), not of an event. */
  private async isTransient(err: unknown): Promise<boolean> {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_SQLSTATE.test(code)) return true;
    return sql`select 1`.execute(this.db).then(
      () => false,
      () => true,
    );
  }

  /** One thing at a time: batches, replays and dismissals never interleave. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work, work);
    this.turn = next.catch(() => undefined);
    return next;
  }

  private advance(position: number, caughtUp: boolean): void {
    this.position = position;
    if (caughtUp && !this.state.live) {
      this.state.live = true;
      this.logger.log(`Projection ${this.projection.name} is live at position ${position}`);
    }
    this.resolveWaiters();
    for (const listener of this.advanceListeners) {
      try {
        listener();
      } catch (err) {
        // Work that follows the projection never stops it.
        this.logger.error(`A listener of ${this.projection.name} failed: ${(err as Error).message}`);
      }
    }
  }

  private resolveWaiters(): void {
    const reached = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    for (const w of reached) w.resolve(true);
  }
}

/**
 * Applies the events to apply, parks the others, and moves the checkpoint, all or nothing: one statement
 * (`statementsProjection`, a small batch that parks nothing) or one transaction.
 */
export function writeSortedOut<DB>(
  db: Kysely<DB>,
  projection: Projection<DB>,
  sorted: { readonly valid: readonly RecordedEvent[]; readonly parked: readonly ParkedEventInput[] },
  position: number,
): Promise<void> {
  const oneStatement = sorted.valid.length <= ONE_STATEMENT_EVENTS && sorted.parked.length === 0;
  if (projection.statements && oneStatement)
    return writeInOneStatement(db, projection.name, position, projection.statements(db, sorted.valid));
  return writeWithCheckpoint(db, projection.name, position, async (trx) => {
    if (sorted.valid.length > 0) await projection.apply(trx, sorted.valid);
    await park(trx as never, sorted.parked);
  });
}

/**
 * The largest batch a `statementsProjection` writes as one statement. Beyond it the statement grows
 * slower than the same inserts in a transaction (outreach's visits on PostgreSQL 15, a throw-away A/B:
 * 30 events 2.4 vs 3.7 ms, 60 events 6.0 vs 4.7, 200 events 20.6 vs 18.4); the batches a write waits for
 * at low load are far smaller, and under load the transaction's round trips matter less.
 */
export const ONE_STATEMENT_EVENTS = 32;

/** Statements and the checkpoint as one statement (`statementsProjection`): one round trip, atomic. */
async function writeInOneStatement<DB>(
  db: Kysely<DB>,
  projection: string,
  position: number,
  statements: readonly ProjectionStatement[],
): Promise<void> {
  const checkpoint = checkpointStatement(db as never, projection, position);
  if (statements.length === 0) return void (await checkpoint.execute());
  await asOneStatement(statements, checkpoint).execute(db);
}

/** `statements` as the `with` of `main`: one statement, one round trip, all or nothing. */
const asOneStatement = (statements: readonly OperationNodeSource[], main: OperationNodeSource) =>
  sql`with ${sql.join(statements.map((s, i) => sql`${sql.raw(`s${i}`)} as (${s})`))} ${main}`;

/**
 * `SET LOCAL synchronous_commit = off` as a statement: the transaction that runs it commits without
 * waiting for the disk. For rows derived from the stream, which it can write again after a crash.
 */
export const COMMIT_WITHOUT_WAITING = sql`select set_config('synchronous_commit', 'off', true)`;

/**
 * Rows derived from the stream written without a checkpoint (the command-id index's own writes): one
 * statement, committed without waiting for the disk — the stream can write them again after a crash.
 */
export async function writeDerived(db: Kysely<unknown>, statements: readonly OperationNodeSource[]) {
  if (statements.length === 0) return;
  await asOneStatement(statements, COMMIT_WITHOUT_WAITING).execute(db);
}

/**
 * Applies a batch as a runner does when nothing fails: unreadable messages and events the check refuses
 * are parked, the rest applied, the checkpoint moved, all or nothing (tests, tools).
 */
export function applyBatchChecked<DB>(
  db: Kysely<DB>,
  projection: Projection<DB>,
  batch: EventBatch,
  check: EventCheck,
): Promise<void> {
  const sorted = sortOutEvents(projection.name, batch.events, batch.unreadable, check);
  return writeSortedOut(db, projection, sorted, batch.position);
}

/**
 * SQLSTATE classes of a database that is away or busy, not of a bad row: connection (08), transaction
 * rollback (40: serialisation, deadlock), resources (53), operator intervention (57), system (58).
 * Node's own socket errors (ECONNREFUSED, …) are caught by the ping that follows.
 */
const TRANSIENT_SQLSTATE = /^(08|40|53|57|58)/;

/**
 * The events of a batch to apply, and those to park: every unreadable message, and every event the
 * check refuses (a check that throws refuses). Pure; shared by the runner and by bulk rebuilds.
 */
export function sortOutEvents(
  projection: string,
  events: readonly RecordedEvent[],
  unreadable: readonly UnreadableCommit[],
  check: EventCheck,
): { valid: RecordedEvent[]; parked: ParkedEventInput[] } {
  const parked = unreadable.map((u) => parkedCommit(projection, u));
  const valid: RecordedEvent[] = [];
  for (const e of events) {
    let why: string | null;
    try {
      why = check(e);
    } catch (err) {
      why = `check failed: ${(err as Error).message}`;
    }
    if (why === null) valid.push(e);
    else parked.push(parkedEvent(projection, e, why));
  }
  return { valid, parked };
}
