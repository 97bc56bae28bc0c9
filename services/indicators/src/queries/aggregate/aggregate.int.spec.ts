// Long: one history, published and projected once (a few seconds), that every test checks live and
// rebuilt against the sweep of every fact or the aggregate's own invariants.
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql, type Kysely } from 'kysely';
import { contractViolation } from '@cnscd/contracts';
import { EventStore, ensureEventStream } from '@cnscd/event-store';
import { applyBatchChecked, openDatabase, type ReadModelDatabase } from '@cnscd/read-model';
import { createTestDatabase, startNatsServer, type RunningNats, type TestDatabase } from '@cnscd/testing';
import { createFactSchema } from '../../infrastructure/fact-schema';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { totalsOf as dumpTotals } from '../../testing/dump-facts';
import { generateHistory } from '../../testing/generate-history';
import { computeSeries, type SeriesByIndicator } from '../engine/series';
import { loadCommune } from '../values/load-commune';
import { indicatorsProjection } from '../facts/indicators.projection';
import { loadFacts } from '../values/load-facts';
import { fillFacts } from '../facts/fill-facts';
import { communeCounts } from '../values/province-values';
import { addDays, vietnamDay } from '../engine/days';

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
  // Two communes whose residents' keys are the same: one's facts must never count in the other.
  const commits = [
    ...generateHistory({ totalEvents: 6_000, lateShare: 0.4 }),
    ...generateHistory({ totalEvents: 2_000, lateShare: 0.4, commune: '99002', seed: 42 }),
  ];
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

/** Typed arrays as plain ones, so a difference prints as numbers. */
const plain = (series: SeriesByIndicator) =>
  Object.fromEntries(
    Object.entries(series).map(([id, byVillage]) => [
      id,
      Object.fromEntries(
        Object.entries(byVillage).map(([village, s]) => [
          village,
          Object.fromEntries(
            Object.entries(s).map(([k, v]) => [k, v === null ? null : [...(v as Int32Array)]]),
          ),
        ]),
      ),
    ]),
  );

it('answers every indicator as the sweep of every fact does, on every day, as known at any instant', async () => {
  // Instants at which a count changed: a change recorded exactly at K counts as known at K.
  const recorded = await db.selectFrom('a_delta').select('recorded_at').orderBy('recorded_at').execute();
  expect(recorded.length).toBeGreaterThan(1_000);
  // Now, before anything was recorded, after everything, and instants in between: those early in the
  // history are summed up to K, those late counted back from now.
  const instants = [
    undefined,
    '2000-01-01T00:00:00.000Z',
    '2999-01-01T00:00:00.000Z',
    ...[0.1, 0.35, 0.6, 0.85].map((f) =>
      new Date(recorded[Math.floor(recorded.length * f)]!.recorded_at as string).toISOString(),
    ),
  ];
  const ranges = [
    { from: '2024-12-31', to: '2026-01-05' },
    { from: '2025-06-30', to: '2025-06-30' },
    { from: '2025-04-01', to: '2025-06-30' },
  ];
  for (const knownAt of instants) {
    // The oracle: every fact recorded up to K, residents included, through the engine.
    for (const commune of ['99001', '99002']) {
      const oracle = await loadFacts(db, commune, knownAt, { sweep: true });
      for (const range of ranges) {
        const expected = plain(computeSeries(oracle.facts, range.from, range.to));
        const ours = await loadCommune(db, commune, range, knownAt);
        expect({ commune, knownAt, range, series: plain(ours.series) }).toEqual({
          commune,
          knownAt,
          range,
          series: expected,
        });
      }
    }
  }
  // Not a comparison of zeros: the commune counts residents on the year's last day.
  const now = await loadCommune(db, '99001', { from: '2025-12-31', to: '2025-12-31' });
  expect(now.series['vneid']!['*']!.numerator[0]).toBeGreaterThan(50);
});

let rebuilding: Promise<Kysely<FactsDatabase>> | undefined;
/** The same stream rebuilt into a schema of its own, once for the tests that compare with it. */
const rebuilt = () =>
  (rebuilding ??= (async () => {
    await createFactSchema(rm.db, 'rebuilt', { indexes: false });
    const on = rm.db.withSchema('rebuilt') as unknown as Kysely<FactsDatabase>;
    await fillFacts(storeForFill, on, 'rebuilt');
    return on;
  })());

it('keeps the same count changes in a rebuild as batch by batch, as known at every instant', async () => {
  await rebuilt();
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
  expect(await changes('rebuilt')).toEqual(live);
});

/** Days across the history, a week apart, from before its first change to after its last. */
const WEEKS = Array.from({ length: 58 }, (_, i) => addDays('2024-12-25', 7 * i));
const ALL_RECORDED = '9999-12-31T00:00:00Z';

/** Every commune's counts on `day` from the running totals, and from the sum of the changes. */
const bothWays = async (schema: string, day: string) => {
  const on = rm.db.withSchema(schema) as unknown as Kysely<FactsDatabase>;
  const plainCounts = (m: Map<string, Map<string, number>>) =>
    Object.fromEntries(
      [...m].map(([c, own]) => [c, Object.fromEntries([...own].filter(([, n]) => n !== 0).sort())]),
    );
  return {
    totals: plainCounts(await communeCounts(on, schema, day)),
    sums: plainCounts(await communeCounts(on, schema, day, ALL_RECORDED)),
  };
};

const totalsOf = (schema: string) => dumpTotals(rm.db, schema);

it("answers a commune's counts as known now, on any day and over any range, as the sweep does, live and rebuilt", async () => {
  // Days in the history (most of them read partly from the running totals, past the recent rows),
  // today and days to come (from the recent rows alone: residents coming of age on a 1 January).
  const today = vietnamDay(new Date());
  const ranges = [
    ...[...WEEKS, today, '2027-01-01', '2030-06-30'].map((day) => ({ from: day, to: day })),
    ...['01', '04', '07', '10'].map((m) => ({ from: `2025-${m}-01`, to: addDays(`2025-${m}-01`, 91) })),
  ];
  for (const [schema, on] of [
    ['live', db],
    ['rebuilt', await rebuilt()],
  ] as const) {
    for (const commune of ['99001', '99002']) {
      const oracle = await loadFacts(on, commune, undefined, { sweep: true });
      for (const range of ranges) {
        const expected = plain(computeSeries(oracle.facts, range.from, range.to));
        const ours = plain((await loadCommune(on, commune, range)).series);
        expect({ schema, commune, range, series: ours }).toEqual({
          schema,
          commune,
          range,
          series: expected,
        });
      }
    }
  }
  // Not a comparison of zeros: a village counts residents in the middle of the year.
  const midYear = await loadCommune(await rebuilt(), '99001', { from: '2025-06-30', to: '2025-06-30' });
  const villages = Object.entries(midYear.series['vneid']!).filter(([v]) => v !== '*');
  expect(Math.max(...villages.map(([, s]) => s.numerator[0]!))).toBeGreaterThan(5);
});

it("keeps every commune's running totals equal to the sums of its count changes, and every running total the same batch by batch and in a rebuild", async () => {
  for (const day of WEEKS) {
    const { totals, sums } = await bothWays('live', day);
    expect({ day, totals }).toEqual({ day, totals: sums });
  }
  // Not a comparison of empty maps: both communes count residents at the year's end.
  expect(Object.keys((await bothWays('live', '2025-12-31')).totals).sort()).toEqual(['99001', '99002']);
  const yearEnd = (await bothWays('live', '2025-12-31')).totals['99001']!;
  expect(
    Math.max(
      ...Object.entries(yearEnd)
        .filter(([k]) => k.startsWith('vneid#'))
        .map(([, n]) => n),
    ),
  ).toBeGreaterThan(50);

  // A batch delivered again (a crash before its acknowledgement) adds nothing to the changes or the
  // totals: a_delta has no key, the projection leaves out events whose facts are there already.
  const deltaRows = async () =>
    (await sql<{ n: string }>`select count(*) as n from live.a_delta`.execute(rm.db)).rows[0]!.n;
  const before = { totals: await totalsOf('live'), changes: await deltaRows() };
  for await (const batch of storeForFill.readAll({ batchSize: 500 })) {
    await applyBatchChecked(db, indicatorsProjection('live'), batch, contractViolation);
    break;
  }
  expect({ totals: await totalsOf('live'), changes: await deltaRows() }).toEqual(before);

  await rebuilt();
  expect(await totalsOf('rebuilt')).toEqual(await totalsOf('live'));
  for (const day of WEEKS.filter((_, i) => i % 5 === 0)) {
    const { totals, sums } = await bothWays('rebuilt', day);
    expect({ day, totals }).toEqual({ day, totals: sums });
  }
});

it("keeps of each village's running total its rows from the latest day up to today on, live and rebuilt", async () => {
  // What a_village_recent must hold, from the running total itself: a row whose next row comes after
  // today, or that has none.
  const expected = (schema: string) => sql<{ row: string }>`
    select concat_ws(' ', commune, indicator, level, village, day, n) as row from (
      select *, lead(day) over (partition by commune, indicator, level, village order by day) as next
      from ${sql.table(`${schema}.a_village_total`)}) t
    where next is null or next > ${vietnamDay(new Date())}::date order by 1`;
  const held = (schema: string) => sql<{ row: string }>`
    select concat_ws(' ', commune, indicator, level, village, day, n) as row
    from ${sql.table(`${schema}.a_village_recent`)} order by 1`;
  await rebuilt();
  for (const schema of ['live', 'rebuilt']) {
    const want = (await expected(schema).execute(rm.db)).rows.map((r) => r.row);
    expect({ schema, recent: (await held(schema).execute(rm.db)).rows.map((r) => r.row) }).toEqual({
      schema,
      recent: want,
    });
    // Not a comparison of empty tables, nor of one row per count: days to come are kept too.
    const future = await sql<{
      n: string;
    }>`select count(*) as n from ${sql.table(`${schema}.a_village_recent`)}
      where day > ${vietnamDay(new Date())}::date`.execute(rm.db);
    expect(want.length).toBeGreaterThan(100);
    expect(Number(future.rows[0]!.n)).toBeGreaterThan(10);
  }
});
