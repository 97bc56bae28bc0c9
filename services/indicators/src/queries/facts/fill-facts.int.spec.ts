import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql, type Kysely } from 'kysely';
import { EventStore, ensureEventStream } from '@cnscd/event-store';
import { contractViolation } from '@cnscd/contracts';
import { applyBatchChecked, openDatabase, type ReadModelDatabase } from '@cnscd/read-model';
import {
  createEngineDatabase,
  publishAll,
  startNatsServer,
  type EngineDatabase,
  type RunningNats,
} from '@cnscd/testing';
import { createFactSchema } from '../../infrastructure/fact-schema';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { dumpFacts } from '../../testing/dump-facts';
import { generateHistory } from '../../testing/generate-history';
import { markAllVisible } from '../aggregate/running-totals';
import { fillFacts, type FillReport } from './fill-facts';
import { indicatorsProjection } from './indicators.projection';

jest.setTimeout(120_000);

let nats: RunningNats;
let nc: NatsConnection;
let store: EventStore;
let events = 0;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect(nats.as());
  await ensureEventStream(nc);
  store = await EventStore.create(nc);
  const js = jetstream(nc);
  const commits = [...generateHistory({ totalEvents: 20_000 })];
  await publishAll(js, commits);
  events = commits.reduce((n, c) => n + c.events, 0);
  // One event its projection cannot read: the fill parks it like the live projection does.
  const stream = { commune: '99001', context: 'outreach', aggregateType: 'resident', aggregateId: 'broken' };
  await store.append(stream, 0, [{ type: 'AdoptionStageConfirmed', data: { residentKey: 'not-a-key' } }], {
    commandId: 'broken-1',
    commandHash: 'broken',
    actor: { organisationId: 'test', userId: 'test' },
    correlationId: 'broken-1',
    causationId: 'broken-1',
    occurredAt: '2026-05-01T03:00:00.000Z',
  });
  events += 1;
});
afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

describe('marking a table just filled visible to all, on PostgreSQL', () => {
  let database: EngineDatabase;
  let rm: ReadModelDatabase<unknown>;

  beforeAll(async () => {
    database = await createEngineDatabase('postgres', 'visible');
    rm = await openDatabase<unknown>(database.options);
  });
  afterAll(async () => {
    await rm?.close();
    await database?.drop();
  });

  it('waits for a page another backend holds, instead of leaving it unmarked', async () => {
    await sql`create table filled (k int primary key, n int)`.execute(rm.db);
    await sql`insert into filled select g, g from generate_series(1, 20000) g`.execute(rm.db);
    // A reader's open cursor keeps the table's first page pinned for a moment — a reader whose snapshot
    // sees the rows as old: under parallel suites a snapshot can date from an older transaction of
    // another database, and then no page is marked, pinned or not (markAllVisible).
    const pinned = await pinFirstPage(rm.db, 'filled');
    // Let go half a second later: a freezing vacuum waits for it meanwhile.
    const released = new Promise((resolve) => setTimeout(resolve, 500)).then(() => pinned.release());
    await markAllVisible(rm.db, ['public.filled']);
    await released;
    const { rows } = await sql<{ pages: number; visible: number }>`
      select relpages as pages, relallvisible as visible from pg_class where oid = 'public.filled'::regclass`.execute(
      rm.db,
    );
    expect(rows[0]!.pages).toBeGreaterThan(10);
    expect(rows[0]!.visible).toBe(rows[0]!.pages);
  });
});

/**
 * Opens a cursor on `table` that has read its first row, in a transaction whose snapshot is younger than
 * the table's rows (retried until it is), and holds it until `release`.
 */
async function pinFirstPage(db: Kysely<unknown>, table: string): Promise<{ release: () => Promise<void> }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    let ready!: (young: boolean) => void;
    const opened = new Promise<boolean>((resolve) => (ready = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const reader = db.transaction().execute(async (trx) => {
      await sql`declare reading cursor for select * from ${sql.table(table)}`.execute(trx);
      await sql`fetch 1 from reading`.execute(trx);
      const { rows } = await sql<{ young: boolean }>`select
        (select backend_xmin::text::bigint from pg_stat_activity where pid = pg_backend_pid())
          > (select max(xmin::text::bigint) from ${sql.table(table)}) as young`.execute(trx);
      ready(rows[0]!.young);
      if (rows[0]!.young) await released;
    });
    if (await opened)
      return {
        release: async () => {
          release();
          await reader;
        },
      };
    await reader;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('every snapshot stayed older than the rows for 10 s');
}

describe.each(['postgres', 'pglite'] as const)('the rebuild fill on %s', (engine) => {
  let database: EngineDatabase;
  let rm: ReadModelDatabase<unknown>;

  beforeAll(async () => {
    database = await createEngineDatabase(engine, 'fill');
    rm = await openDatabase<unknown>(database.options);
  });
  afterAll(async () => {
    await rm?.close();
    await database?.drop();
  });

  it('writes the same facts, keys and indexes as the live projection applying every batch', async () => {
    await createFactSchema(rm.db, 'live');
    const live = rm.db.withSchema('live') as unknown as Kysely<FactsDatabase>;
    for await (const batch of store.readAll({ batchSize: 1000 }))
      await applyBatchChecked(live, indicatorsProjection('live'), batch, contractViolation);

    await createFactSchema(rm.db, 'filled', { indexes: false });
    const progress: FillReport[] = [];
    const filled = rm.db.withSchema('filled') as unknown as Kysely<FactsDatabase>;
    const result = await fillFacts(store, filled, 'filled', (p) => progress.push(p));

    expect(result).toEqual({ position: await store.lastPosition(), eventsApplied: events });
    // Progress is reported as the writes land, more than once for 20,000 events, then the indexes,
    // then the late facts' count changes.
    expect(progress.filter((p) => p.phase === 'reading').length).toBeGreaterThan(1);
    expect(progress.slice(-3)).toEqual([
      { ...result, phase: 'reading' },
      { ...result, phase: 'indexing' },
      { ...result, phase: 'counting' },
    ]);
    const facts = await dumpFacts(rm.db, 'filled');
    expect(facts['f_adoption']!.length).toBeGreaterThan(10_000);
    expect(facts['parked_events']).toEqual([expect.stringContaining('residentKey')]);
    expect(facts['(indexes)']).toContain('f_adoption.f_adoption_key');
    expect(facts).toEqual(await dumpFacts(rm.db, 'live'));
  });

  it.each([
    ['a_total', ['commune', 'indicator', 'level']],
    ['a_village_total', ['commune', 'indicator', 'level', 'village']],
  ])('answers a count of %s from its key alone, its pages vacuumed by the rebuild', async (table, key) => {
    const totals = sql.table(`filled.${table}`);
    const columns = sql.raw(key.join(', '));
    const { rows } = await sql<Record<string, string>>`select ${columns}, day from ${totals} limit 1`.execute(
      rm.db,
    );
    const count = rows[0]!;
    // A dashboard's read of one count on a day: on these small tables the planner would rather scan.
    const plan = await rm.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      const { rows: lines } = await sql<
        Record<string, string>
      >`explain (analyze, costs off, timing off, summary off)
        select n from ${totals} where (${columns}) = (${sql.join(key.map((c) => count[c]))}) and day <= ${count['day']}
        order by day desc limit 1`.execute(trx);
      return lines.map((line) => Object.values(line)[0]).join('\n');
    });
    expect(plan).toMatch(new RegExp(`Index Only Scan Backward using ${table}_pkey`));
    // Vacuumed by the rebuild, which marks its pages visible to all: the scan reads none of them.
    expect(plan).toMatch(/Heap Fetches: 0/);
  });

  it('takes over a schema made before the bulk tables lost their event id column', async () => {
    await sql`create schema "older"`.execute(rm.db);
    await sql`create table "older".f_adoption (event_id text not null, commune text not null, resident_key text not null, indicator text not null, stage text not null, delta int not null, on_day date not null, recorded_at timestamptz not null, seq bigint primary key)`.execute(
      rm.db,
    );
    await createFactSchema(rm.db, 'older');
    const older = rm.db.withSchema('older') as unknown as Kysely<FactsDatabase>;
    // The first 3,000 commits are enough to see the live projection write into the older table
    // (the whole stream again took 10 s more of the suite per engine).
    let position = 0;
    for await (const batch of store.readAll({ batchSize: 1000 })) {
      await applyBatchChecked(older, indicatorsProjection('older'), batch, contractViolation);
      position = batch.position;
      if (batch.position >= 3000) break;
    }
    // A fact's seq is its commit's position × 100 + its index in the commit.
    const adoptions = (schema: string) =>
      sql<{ seq: string }>`select seq, commune, resident_key, indicator, stage, delta, on_day, recorded_at
        from ${sql.table(`${schema}.f_adoption`)} where seq /* position × 100 + index */ < ${(position + 1) * 100} order by seq`.execute(
        rm.db,
      );
    const written = (await adoptions('older')).rows;
    expect(written.length).toBeGreaterThan(500);
    expect(written).toEqual((await adoptions('live')).rows);
  });

  it('fails at the keys, saying what to do, when a bulk table would hold one fact twice', async () => {
    await createFactSchema(rm.db, 'twice', { indexes: false });
    // A row already there with the seq of a fact the fill will write (left over from a broken fill).
    await sql`insert into "twice".f_adoption select * from "live".f_adoption order by seq limit 1`.execute(
      rm.db,
    );
    const reports: FillReport[] = [];
    const twice = rm.db.withSchema('twice') as unknown as Kysely<FactsDatabase>;
    await expect(fillFacts(store, twice, 'twice', (r) => reports.push(r))).rejects.toThrow(
      /Không dựng được khóa.*Could not build the fresh schema's keys and indexes.*f_adoption_key/s,
    );
    expect(reports.at(-1)?.phase).toBe('indexing');
  });

  it('fails in the counting phase when a late change cannot be written, however the writes overlap', async () => {
    await createFactSchema(rm.db, 'late_refused', { indexes: false });
    // a_delta takes the stream's on-time changes, then refuses the late ones: those come once the
    // fact tables' indexes are built.
    await sql`create function "late_refused".refuse_late() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from pg_indexes where schemaname = 'late_refused' and indexname = 'f_adoption_by_entity')
        then raise exception 'late changes refused'; end if;
        return null;
      end $$`.execute(rm.db);
    await sql`create trigger refuse_late after insert on "late_refused".a_delta
      for each statement execute function "late_refused".refuse_late()`.execute(rm.db);
    const reports: FillReport[] = [];
    const refused = rm.db.withSchema('late_refused') as unknown as Kysely<FactsDatabase>;
    await expect(fillFacts(store, refused, 'late_refused', (r) => reports.push(r))).rejects.toThrow(
      /late changes refused/,
    );
    expect(reports.at(-1)?.phase).toBe('counting');
  });
});
