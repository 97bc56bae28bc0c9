import type { Kysely } from 'kysely';
import {
  EventStoreUnavailableError,
  subjectOf,
  type CommandIds,
  type EventStore,
  type RecordedCommand,
} from '@cnscd/event-store';
import { BloomFilter } from './bloom-filter';
import { everyCommandId, type CommandIdsTable } from './command-ids-table';
import {
  ProjectionRunner,
  statementsProjection,
  writeDerived,
  type Projection,
  type ProjectionLogger,
  type RunnerOptions,
} from './projection';

/**
 * How often ids `remember` queued are written: one small transaction for all of them, so a busy
 * service spends one database round trip per interval, not per command. Until written, `find` sees
 * them in memory; after a crash, the projection writes them from the stream.
 */
const FLUSH_EVERY_MS = 100;

/** How long a command waits for the index to have read the stream once (after a start or a restore). */
const UNTIL_LIVE_MS = 5000;

/**
 * A service's command ids, for ever, in its own database (`command_ids`): filled by a projection of the
 * service's own commits — so a restored or fresh database catches up from the stream — and, the moment
 * a command is appended, by the handler itself. JetStream's dedupe window (minutes) covers the instant
 * between the two. Keyed by commune and command id: an id names one command within a commune and a
 * service, whatever aggregate it targets.
 */
export class CommandIdIndex implements CommandIds {
  /**
   * The index as a service runs it: its projection started, its filter built in the background (retried
   * while the database is late), and the event store consulting it for every command.
   */
  static follow(
    store: EventStore,
    db: Kysely<unknown>,
    context: string,
    options: RunnerOptions = {},
  ): { index: CommandIdIndex; runner: ProjectionRunner<unknown> } {
    const index = new CommandIdIndex(db, context);
    const runner = new ProjectionRunner(store, db, index.projection(), options);
    index.live = () => runner.isLive;
    runner.start();
    void index.loadUntilDone(options.logger);
    store.useCommandIds(index);
    return { index, runner };
  }

  private live: () => boolean = () => true;
  private loaded = false;
  /** Every id in the table, approximately: an id it has never seen needs no query. Built by `load`. */
  private bloom: BloomFilter | undefined;
  /**
   * The filter the last load replaced, still consulted: an id noted before or while a load ran, whose
   * row was written behind the load's scan, is in this one only. The next load's scan finds that row.
   */
  private previous: BloomFilter | undefined;
  /** The filter `load` is building: one at a time, however many commands find the current one full. */
  private loading: Promise<void> | undefined;
  /**
   * Ids noted while `load` counts the table, before its filter exists (at start, before any filter):
   * they go into it.
   */
  private early: string[] | undefined;
  /** Ids this process appended whose row is still being written: `find` sees them at once. */
  private readonly pending = new Map<string, RecordedCommand>();
  private queued: CommandIdsTable['command_ids'][] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<unknown>,
    readonly context: string,
    /** The fewest ids a filter is sized for, however small the table. */
    private readonly minimumCapacity = 100_000,
  ) {}

  /**
   * The projection that fills the index from the stream: one row per commit of the service's context.
   * A small batch goes with its checkpoint as one statement (`statementsProjection`): one round trip
   * where a transaction took three, for every batch of a busy service's own commits (issue 17).
   */
  projection(): Projection<unknown> {
    return statementsProjection<unknown>({
      name: `command-ids.${this.context}`,
      filter: { context: this.context },
      batchSize: 1000,
      statements: (db, events) => {
        const rows = new Map<number, CommandIdsTable['command_ids']>();
        for (const e of events)
          rows.set(e.position, {
            commune: e.stream.commune,
            command_id: e.metadata.commandId,
            subject: subjectOf(e.stream),
            command_hash: e.metadata.commandHash,
            position: e.position,
          });
        // Noted as the rows are sent: at worst, a command finds an id in the filter a moment before its
        // row is there, and looks it up for nothing.
        for (const r of rows.values()) this.note(r.commune, r.command_id);
        return rows.size > 0 ? [this.insertion(db as never, [...rows.values()])] : [];
      },
    });
  }

  private async loadUntilDone(logger?: ProjectionLogger): Promise<void> {
    for (;;) {
      try {
        return await this.load();
      } catch (err) {
        logger?.error(`Could not read the command ids, retrying: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /**
   * Builds the filter of every id in the table (a keyset scan), sized for twice as many. Commands wait
   * for the first (`find`); while a later one runs, new ids go into the current filter, which stays
   * consulted beside the new one (`previous`). A call while a filter is being built waits for that one:
   * when a filter filled under 128 concurrent writers, every id noted until the new one existed started
   * a scan of its own — thirty at once at 100,000 ids, each reading the whole table (issue 17).
   */
  load(): Promise<void> {
    this.loading ??= this.build().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async build(): Promise<void> {
    const early: string[] = [];
    this.early = early;
    let rows: number;
    try {
      const { n } = await this.tables(this.db)
        .selectFrom('command_ids')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      rows = Number(n);
    } finally {
      this.early = undefined;
    }
    const filter = new BloomFilter(Math.max(this.minimumCapacity, 2 * rows));
    for (const key of early) filter.add(key);
    this.bloom ??= filter;
    await everyCommandId(this.db, (key) => filter.add(key));
    if (this.bloom !== filter) this.previous = this.bloom;
    this.bloom = filter;
    this.loaded = true;
  }

  private note(commune: string, commandId: string): void {
    const key = `${commune}/${commandId}`;
    this.bloom?.add(key);
    this.early?.push(key);
    if (this.bloom?.full && !this.loading) void this.load().catch(() => undefined);
  }

  async find(commune: string, commandId: string): Promise<RecordedCommand | undefined> {
    const justAppended = this.pending.get(`${commune}/${commandId}`);
    if (justAppended) return justAppended;
    for (const deadline = Date.now() + UNTIL_LIVE_MS; !this.live() || !this.loaded;) {
      if (Date.now() > deadline)
        throw new EventStoreUnavailableError('the command-id index has not read the stream yet');
      await new Promise((r) => setTimeout(r, 50));
    }
    // Nearly every command brings a new id: the filter says so without a query.
    const key = `${commune}/${commandId}`;
    if (!this.bloom!.mightHold(key) && !this.previous?.mightHold(key)) return undefined;
    const row = await this.tables(this.db)
      .selectFrom('command_ids')
      .select(['subject', 'command_hash', 'position'])
      .where('commune', '=', commune)
      .where('command_id', '=', commandId)
      .executeTakeFirst()
      .catch((err: unknown) => Promise.reject(new EventStoreUnavailableError(err)));
    return row && { subject: row.subject, commandHash: row.command_hash, position: Number(row.position) };
  }

  remember(commune: string, commandId: string, command: RecordedCommand): void {
    this.pending.set(`${commune}/${commandId}`, command);
    this.note(commune, commandId);
    this.queued.push({
      commune,
      command_id: commandId,
      subject: command.subject,
      command_hash: command.commandHash,
      position: command.position,
    });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushing ??= new Promise((r) => setTimeout(r, FLUSH_EVERY_MS)).then(() => this.flush());
  }

  /**
   * Writes what `remember` queued (`FLUSH_EVERY_MS`), in one statement, without waiting for the disk:
   * the rows are derived, and the projection writes them again after a crash.
   */
  private async flush(): Promise<void> {
    const rows = this.queued.splice(0);
    try {
      await writeDerived(this.db, [this.insertion(this.db, rows)]);
    } catch {
      // the projection writes them
    } finally {
      for (const r of rows) this.pending.delete(`${r.commune}/${r.command_id}`);
      this.flushing = undefined;
      if (this.queued.length > 0) this.scheduleFlush();
    }
  }

  /** The first commit to use an id keeps it (a later one with the same id was a conflict). */
  private insertion(db: Kysely<unknown>, rows: CommandIdsTable['command_ids'][]) {
    return this.tables(db)
      .insertInto('command_ids')
      .values(rows)
      .onConflict((oc) => oc.columns(['commune', 'command_id']).doNothing());
  }

  private tables(db: Kysely<unknown>) {
    return db as unknown as Kysely<CommandIdsTable>;
  }
}
