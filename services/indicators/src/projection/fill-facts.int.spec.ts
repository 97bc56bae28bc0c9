import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql, type Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, ensureEventStream } from '@cnscd/event-store';
import { applyBatch, openDatabase, type ReadModelDatabase } from '@cnscd/read-model';
import { createTestDatabase, startNatsServer, type RunningNats, type TestDatabase } from '@cnscd/testing';
import { createFactSchema } from '../infrastructure/fact-schema';
import type { FactsDatabase } from '../infrastructure/read-model';
import { generateHistory } from '../testing/generate-history';
import { fillFacts, type FillProgress } from './fill-facts';
import { indicatorsProjection } from './indicators.projection';

jest.setTimeout(120_000);

const TABLES = [
  'f_residents',
  'f_residence',
  'f_adoption',
  'f_merchant_status',
  'f_onboarding',
  'f_denominator',
];

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
  for (let i = 0; i < commits.length; i += 500)
    await Promise.all(commits.slice(i, i + 500).map((c) => js.publish(c.subject, c.body)));
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

/** Every row of every fact table (and the parked events' ids and reasons), in a stable order. */
async function dump(db: Kysely<unknown>, schema: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const { rows } = await sql<{
      row: string;
    }>`select to_jsonb(t)::text as row from ${sql.table(`${schema}.${t}`)} t order by 1`.execute(db);
    out[t] = rows.map((r) => r.row);
  }
  const { rows } =
    await sql`select event_id, reason from ${sql.table(`${schema}.parked_events`)} order by 1`.execute(db);
  out['parked_events'] = rows;
  return out;
}

const keysOf = async (db: Kysely<unknown>, schema: string) =>
  (
    await sql<{
      indexname: string;
    }>`select indexname from pg_indexes where schemaname = ${schema} order by 1`.execute(db)
  ).rows.map((r) => r.indexname);

describe.each(['postgres', 'pglite'] as const)('the rebuild fill on %s', (engine) => {
  let testDb: TestDatabase | undefined;
  let dataDir: string | undefined;
  let rm: ReadModelDatabase<unknown>;

  beforeAll(async () => {
    if (engine === 'postgres') testDb = await createTestDatabase('fill');
    else dataDir = mkdtempSync(join(tmpdir(), 'cnscd-fill-'));
    rm = await openDatabase<unknown>(testDb ? { url: testDb.url } : { dataDir });
  });
  afterAll(async () => {
    await rm?.close();
    await testDb?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the same facts, keys and indexes as the live projection applying every batch', async () => {
    await createFactSchema(rm.db, 'live');
    const live = rm.db.withSchema('live') as unknown as Kysely<FactsDatabase>;
    for await (const batch of store.readAll({ batchSize: 1000 }))
      await applyBatch(live, indicatorsProjection('live'), batch.events, batch.position);

    await createFactSchema(rm.db, 'filled', { indexes: false });
    const progress: FillProgress[] = [];
    const filled = rm.db.withSchema('filled') as unknown as Kysely<FactsDatabase>;
    const result = await fillFacts(store, filled, 'filled', (p) => progress.push(p));

    expect(result).toEqual({ position: await store.lastPosition(), eventsApplied: events });
    // Progress is reported as the writes land, more than once for 20,000 events, ending at the whole.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual(result);
    const facts = await dump(rm.db, 'filled');
    expect(facts['f_adoption']!.length).toBeGreaterThan(10_000);
    expect(facts['parked_events']).toEqual([
      { event_id: expect.any(String), reason: expect.stringContaining('residentKey') },
    ]);
    expect(facts).toEqual(await dump(rm.db, 'live'));
    expect(await keysOf(rm.db, 'filled')).toEqual(await keysOf(rm.db, 'live'));
  });

  it('takes over a schema made before the bulk tables lost their event id column', async () => {
    await sql`create schema "older"`.execute(rm.db);
    await sql`create table "older".f_adoption (event_id text not null, commune text not null, resident_key text not null, indicator text not null, stage text not null, delta int not null, on_day date not null, recorded_at timestamptz not null, seq bigint primary key)`.execute(
      rm.db,
    );
    await createFactSchema(rm.db, 'older');
    const older = rm.db.withSchema('older') as unknown as Kysely<FactsDatabase>;
    for await (const batch of store.readAll({ batchSize: 1000 }))
      await applyBatch(older, indicatorsProjection('older'), batch.events, batch.position);
    const live = await dump(rm.db, 'live');
    expect((await dump(rm.db, 'older'))['f_adoption']).toEqual(live['f_adoption']);
  });
});
