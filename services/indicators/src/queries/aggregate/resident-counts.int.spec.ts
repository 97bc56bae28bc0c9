import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql, type Kysely } from 'kysely';
import { contractViolation, INDICATORS } from '@cnscd/contracts';
import { EventStore, ensureEventStream } from '@cnscd/event-store';
import { applyBatchChecked, openDatabase, type ReadModelDatabase } from '@cnscd/read-model';
import { createTestDatabase, startNatsServer, type RunningNats, type TestDatabase } from '@cnscd/testing';
import { createFactSchema } from '../../infrastructure/fact-schema';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { generateHistory } from '../../testing/generate-history';
import { computeSeries } from '../engine/series';
import { indicatorsProjection } from '../facts/indicators.projection';
import { loadFacts } from '../values/load-facts';
import { fillFacts } from '../facts/fill-facts';
import { residentCounts } from './resident-counts';

jest.setTimeout(120_000);

let nats: RunningNats;
let nc: NatsConnection;
let testDb: TestDatabase;
let rm: ReadModelDatabase<unknown>;
let db: Kysely<FactsDatabase>;
let storeForFill: EventStore;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect(nats.as());
  await ensureEventStream(nc);
  const store = await EventStore.create(nc);
  const js = jetstream(nc);
  // Three rounds of publishing, so "as known at K" has earlier instants to stop at.
  const commits = [...generateHistory({ totalEvents: 6_000 })];
  for (let i = 0; i < commits.length; i += 300) {
    await Promise.all(commits.slice(i, i + 300).map((c) => js.publish(c.subject, c.body)));
    await new Promise((r) => setTimeout(r, 5));
  }
  testDb = await createTestDatabase('aggregate');
  rm = await openDatabase({ url: testDb.url });
  await createFactSchema(rm.db, 'live');
  db = rm.db.withSchema('live') as unknown as Kysely<FactsDatabase>;
  // Batch by batch, as the live projection does: the facts, then each event's count changes.
  for await (const batch of store.readAll({ batchSize: 500 }))
    await applyBatchChecked(db, indicatorsProjection('live'), batch, contractViolation);
  storeForFill = store;
});
afterAll(async () => {
  await rm?.close();
  await nc?.close();
  await nats?.stop();
  await testDb?.drop();
});

/** What today's sweep answers: every fact recorded up to K through the engine, for the one day. */
async function swept(day: string, knownAt?: string) {
  const loaded = await loadFacts(db, '99001', knownAt);
  const series = computeSeries(loaded.facts, day, day);
  return Object.fromEntries(
    INDICATORS.filter((d) => d.kind === 'residents').map((d) => [
      d.id,
      Object.fromEntries(
        Object.entries(series[d.id]!)
          .map(([village, s]) => [village, s.numerator[0]!] as const)
          .filter(([village, n]) => n !== 0 || village === '*'),
      ),
    ]),
  );
}

const withoutZeros = (counts: Record<string, Record<string, number>>) =>
  Object.fromEntries(
    Object.entries(counts).map(([id, byVillage]) => [
      id,
      Object.fromEntries(Object.entries(byVillage).filter(([v, n]) => n !== 0 || v === '*')),
    ]),
  );

it('counts every resident indicator as the sweep does, on any day, as known at any instant', async () => {
  const recorded = await db.selectFrom('f_adoption').select('recorded_at').orderBy('seq').execute();
  expect(recorded.length).toBeGreaterThan(1_000);
  const instants = [
    undefined,
    ...[0.1, 0.35, 0.6, 0.85].map((f) =>
      new Date(recorded[Math.floor(recorded.length * f)]!.recorded_at as string).toISOString(),
    ),
  ];
  const days = [
    '2024-12-31',
    '2025-02-14',
    '2025-06-30',
    '2025-07-01',
    '2025-09-09',
    '2025-12-31',
    '2026-06-01',
  ];
  let compared = 0;
  for (const knownAt of instants)
    for (const day of days) {
      const expected = await swept(day, knownAt);
      expect({ day, knownAt, counts: withoutZeros(await residentCounts(db, '99001', day, knownAt)) }).toEqual(
        {
          day,
          knownAt,
          counts: expected,
        },
      );
      compared += 1;
    }
  expect(compared).toBe(35);
  // Not a comparison of zeros: the commune counts residents on the year's last day.
  expect((await residentCounts(db, '99001', '2025-12-31'))['vneid']!['*']).toBeGreaterThan(50);
});

it('keeps the same count changes in a rebuild as batch by batch, as known at every instant', async () => {
  await createFactSchema(rm.db, 'filled', { indexes: false });
  const filled = rm.db.withSchema('filled') as unknown as Kysely<FactsDatabase>;
  await fillFacts(storeForFill, filled, 'filled');
  // The rebuild may split a change the projection nets (+1 and −1 on one day), never what any
  // "as of D, as known at K" sums to: compare the net change per day and recording instant.
  const changes = async (schema: string) =>
    (
      await sql<{
        row: string;
      }>`select concat_ws(' ', commune, indicator, level, village, day, recorded_at, sum(delta)) as row
        from ${sql.table(`${schema}.a_delta`)}
        group by commune, indicator, level, village, day, recorded_at having sum(delta) <> 0 order by 1`.execute(
        rm.db,
      )
    ).rows.map((r) => r.row);
  const live = await changes('live');
  expect(live.length).toBeGreaterThan(1_000);
  expect(await changes('filled')).toEqual(live);
});
