import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { contractViolation } from '@cnscd/contracts';
import { EventStore } from '@cnscd/event-store';
import { ProjectionRunner, type ReadModelDatabase } from '@cnscd/read-model';
import {
  ConflictError,
  NotReadyError,
  ProjectionRegistry,
  READ_MODEL,
  SERVICE_CONFIG,
  heapGrowth,
  watchRebuild,
} from '@cnscd/service-kit';
import {
  FACT_FORMAT,
  createFactSchema,
  dropFactSchema,
  formatOf,
  markFormat,
  schemaName,
} from '../../infrastructure/fact-schema';
import type { FactsDatabase, PublicDatabase } from '../../infrastructure/read-model';
import { catchingUp, startedAndCaughtUp } from './catch-up';
import { fillFacts } from './fill-facts';
import { indicatorsProjection } from './indicators.projection';
import { progressed, type RebuildProgress } from './rebuild-progress';
import { SchemaReaders } from './schema-readers';

/** The indicators service's own configuration (services/indicators/src/main.ts). */
export interface IndicatorsEnv {
  /**
   * A first start on a stream holding at least this many commits fills the facts by the rebuild path
   * (`INDICATORS_FIRST_FILL_MIN_COMMITS`).
   */
  readonly INDICATORS_FIRST_FILL_MIN_COMMITS: number;
}

/**
 * The facts live in a versioned schema. One runner keeps the schema in use up to date; a rebuild fills
 * a fresh schema from the start of the stream while the current one keeps serving, catches up, then
 * switches over (queries move to it, its runner takes over live, the old schema is dropped).
 */
@Injectable()
export class FactsStore implements OnApplicationBootstrap {
  private readonly logger = new Logger('FactsStore');
  private active = schemaName(1);
  private runner: ProjectionRunner<FactsDatabase> | undefined;
  private rebuild: RebuildProgress | undefined;
  /** The schema in use predates `FACT_FORMAT`: reads wait for the rebuild that replaces it. */
  private upgrading = false;
  private readonly readers = new SchemaReaders();

  constructor(
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<PublicDatabase>,
    @Inject(EventStore) private readonly store: EventStore,
    private readonly registry: ProjectionRegistry,
    @Inject(SERVICE_CONFIG) private readonly config: { readonly env: IndicatorsEnv },
  ) {
    watchRebuild('indicators', () => this.rebuild);
  }

  /** Registers the live runner before the registry starts every runner (ServiceInfrastructureModule). */
  async onApplicationBootstrap(): Promise<void> {
    const row = await this.rm.db
      .selectFrom('indicators_schema')
      .select('schema_name')
      .where('id', '=', 1)
      .executeTakeFirst();
    this.active = row?.schema_name ?? schemaName(1);
    const db = this.rm.db as Kysely<unknown>;
    await createFactSchema(db, this.active);
    if (!row) {
      await markFormat(db, this.active);
      await this.rm.db.insertInto('indicators_schema').values({ id: 1, schema_name: this.active }).execute();
    }
    this.runner = this.runnerFor(this.active);
    this.registry.add(this.runner);
    if (!row && (await this.store.lastPosition()) >= this.config.env.INDICATORS_FIRST_FILL_MIN_COMMITS)
      return this.rebuildNow(
        `Lần chạy đầu trên luồng đã có lịch sử: dựng số liệu theo lối dựng lại / ` +
          `First start on a stream with a history: filling the facts by the rebuild path`,
      );
    this.runner.start();
    if ((await formatOf(db, this.active)) < FACT_FORMAT)
      await this.rebuildNow(
        `Lược đồ ${this.active} được dựng bởi phiên bản cũ: đang dựng lại, số liệu trả 503 cho đến khi xong / ` +
          `Schema ${this.active} was filled by an earlier version: rebuilding; the figures answer 503 until it is done`,
      );
  }

  /**
   * Rebuilds at once, the figures answering 503 (`NotReadyError`) until the new schema takes over rather
   * than wrong or partial numbers. Either the schema in use was filled by an earlier version (its runner
   * goes on until the switch), or this is a first start on a stream that already holds a history — the
   * province hub's copy, a database restored empty — which the rebuild path fills several times faster
   * than the live runner (205 s → 7.5 s for 100,000 events, docs/benchmarks.md); the empty first
   * schema's runner is then never started. Writes go on.
   */
  private async rebuildNow(why: string): Promise<void> {
    this.logger.warn(why);
    this.upgrading = true;
    await this.startRebuild();
  }

  /**
   * Runs a query on the facts in use (not while a rebuild it waits for is running: see `rebuildNow`); a
   * switch-over under way lets it finish on the schema it started on (`SchemaReaders`).
   */
  async read<T>(query: (db: Kysely<FactsDatabase>, schema: string) => Promise<T>): Promise<T> {
    if (this.upgrading) throw new NotReadyError(this.rebuildSummary());
    const schema = this.active;
    return this.readers.during(schema, () =>
      query(this.rm.db.withSchema(schema) as unknown as Kysely<FactsDatabase>, schema),
    );
  }

  private rebuildSummary(): string {
    const r = this.rebuild;
    return r ? `${r.schema}: ${r.done}/${r.target}, ${r.secondsLeft ?? '?'} s left` : 'starting';
  }

  get schema(): string {
    return this.active;
  }

  get live(): ProjectionRunner<FactsDatabase> {
    return this.runner!;
  }

  /**
   * Read-your-writes for the indicators' own commands (targets, counted stages, report notes and
   * submissions): resolves once the facts in use include `position`, or false after `timeoutMs`.
   */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.live.waitFor(position, timeoutMs);
  }

  progress(): RebuildProgress | undefined {
    return this.rebuild;
  }

  /** Starts a full rebuild into a fresh schema; answers at once, the work goes on in the background. */
  async startRebuild(): Promise<RebuildProgress> {
    if (this.rebuild?.status === 'running')
      throw new ConflictError('rebuild-running', 'Đang dựng lại / A rebuild is already running');
    const version = Number(this.active.replace(/^indicators_v/, '')) + 1;
    const schema = schemaName(version);
    await dropFactSchema(this.rm.db as Kysely<unknown>, schema);
    await createFactSchema(this.rm.db as Kysely<unknown>, schema, { indexes: false });
    await markFormat(this.rm.db as Kysely<unknown>, schema);
    const target = await this.store.lastPosition();
    this.rebuild = {
      schema,
      status: 'running',
      startedAt: new Date().toISOString(),
      phase: 'reading',
      target,
      done: 0,
      eventsApplied: 0,
      eventsPerSecond: 0,
      secondsLeft: null,
    };
    // A rebuild allocates for minutes on end: it runs with V8's own heap growth (`HeapGrowth`).
    void heapGrowth
      .unboundedWhile(() => this.fill(schema))
      .catch((err: Error) => {
        this.logger.error(`Rebuild into ${schema} failed: ${err.message}`);
        this.rebuild = { ...this.rebuild!, status: 'failed', error: err.message };
      });
    return this.rebuild;
  }

  /** Waits for the running rebuild (tests, scripts). */
  async untilRebuilt(timeoutMs = 600_000): Promise<RebuildProgress | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.rebuild?.status === 'running' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    return this.rebuild;
  }

  /** Fills the fresh schema from the whole stream (`fillFacts`), showing progress, then switches over. */
  private async fill(schema: string): Promise<void> {
    const db = this.rm.db.withSchema(schema) as unknown as Kysely<FactsDatabase>;
    const started = Date.now();
    const { eventsApplied } = await fillFacts(this.store, db, schema, (report) => {
      this.rebuild = progressed(this.rebuild!, report, (Date.now() - started) / 1000);
    });
    this.rebuild = { ...this.rebuild!, phase: 'switching' };
    const reached = await this.switchTo(schema);
    this.rebuild = {
      ...this.rebuild!,
      status: 'switched',
      phase: 'serving',
      done: reached,
      target: reached,
      secondsLeft: 0,
    };
    this.logger.log(
      `Rebuilt ${eventsApplied} events into ${schema} in ${((Date.now() - started) / 1000).toFixed(1)} s; now serving from it`,
    );
  }

  /**
   * The new schema's runner resumes live from the rebuild's checkpoint; once it holds the stream's head
   * (`untilCaughtUp`, the old schema serving meanwhile), queries move over at once.
   */
  private async switchTo(schema: string): Promise<number> {
    const previous = this.active;
    const old = this.runner!;
    const next = this.runnerFor(schema);
    const reached = await startedAndCaughtUp(
      next,
      () => this.store.lastPosition(),
      (at) => {
        this.rebuild = { ...this.rebuild!, done: at.position, target: at.head, secondsLeft: null };
        this.logger.log(catchingUp(schema, at));
      },
    );
    await this.rm.db
      .updateTable('indicators_schema')
      .set({ schema_name: schema })
      .where('id', '=', 1)
      .execute();
    this.active = schema;
    this.upgrading = false;
    this.runner = next;
    this.registry.add(next);
    this.registry.remove(old);
    await old.stop();
    if (!(await this.readers.idle(previous, 60_000)))
      this.logger.warn(
        `Vẫn còn lượt đọc trên ${previous} sau 60 giây; vẫn xoá lược đồ / ` +
          `Reads on ${previous} still under way after 60 s; dropping it anyway`,
      );
    await dropFactSchema(this.rm.db as Kysely<unknown>, previous);
    return reached;
  }

  private runnerFor(schema: string): ProjectionRunner<FactsDatabase> {
    return new ProjectionRunner(
      this.store,
      this.rm.db.withSchema(schema) as unknown as Kysely<FactsDatabase>,
      indicatorsProjection(schema),
      { logger: new Logger(`Projection ${schema}`), check: contractViolation },
    );
  }
}
