import { jetstream } from '@nats-io/jetstream';
import { sql } from 'kysely';
import { openDatabase } from '@cnscd/read-model';
import type { ServiceUnderTest } from '@cnscd/service-testing';
import { createTestDatabase, startService } from '@cnscd/testing';
import { caughtUp, startIndicators, type Json } from './testing/indicators-harness';
import { dumpFacts } from './testing/dump-facts';
import { generateHistory } from './testing/generate-history';
import { publishCommits } from './testing/publish-commits';

jest.setTimeout(600_000);

let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startIndicators();
});
afterAll(() => h?.stop());

const DURING_REBUILD = [
  '/v1/values?date=2025-06-30',
  '/v1/series?from=2025-01-01&to=2025-12-31&grain=month',
  '/v1/reports/2025-Q2',
];

/** Every fact of a schema and its index names, read from the service's database. */
async function dump(schema: string) {
  const rm = await openDatabase<unknown>({ url: h.db.url });
  try {
    return await dumpFacts(rm.db, schema);
  } finally {
    await rm.close();
  }
}

// 30,000 events: several of the fill's writes (8,000 events each) and a switch-over under steady reads.
// How fast a rebuild is at province scale is the benchmarks' question (npm run bench -- province), not
// this test's: at 100,000 events it alone took 2 minutes of the suite (5 on CI's shared cores).
it('rebuilds 30,000 events into a fresh schema that equals the incrementally built one, switching over while serving', async () => {
  const events = await publishCommits(jetstream(h.nc), generateHistory({ totalEvents: 30_000 }));
  expect(events).toBeGreaterThanOrEqual(30_000);
  await caughtUp(h, 300_000);

  const dashboard = async () =>
    (await h.call('GET', '/v1/series?from=2025-01-01&to=2025-12-31&grain=month', h.keys['office'])).json();
  const incremental = await dump('indicators_v1');
  const incrementalSeries: Json = await dashboard();
  expect(incremental['f_adoption']!.length).toBeGreaterThan(15_000);

  const started = await h.call('POST', '/v1/admin/rebuilds', h.keys['office']);
  expect(started.status).toBe(202);
  // Readers that never pause, so that reads are under way when the switch-over drops the old schema.
  const statuses = new Map<string, number>();
  let reading = true;
  const readers = DURING_REBUILD.map(async (path) => {
    while (reading) {
      const status = (await h.call('GET', path, h.keys['office'])).status;
      statuses.set(`${path} ${status}`, (statuses.get(`${path} ${status}`) ?? 0) + 1);
    }
  });
  // The current schema keeps serving while the rebuild runs, and a second rebuild is refused meanwhile.
  let refusedWhileRunning = false;
  let progress: Json;
  for (;;) {
    progress = await (await h.call('GET', '/v1/admin/rebuilds/current', h.keys['office'])).json();
    if (progress.status !== 'running') break;
    expect(['reading', 'indexing', 'counting', 'switching']).toContain(progress.phase);
    if (!refusedWhileRunning) {
      const again = await h.call('POST', '/v1/admin/rebuilds', h.keys['office']);
      // Unless it finished in between, a second rebuild is refused.
      if (
        (await (await h.call('GET', '/v1/admin/rebuilds/current', h.keys['office'])).json()).schema ===
        progress.schema
      ) {
        expect(again.status).toBe(409);
        refusedWhileRunning = true;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  reading = false;
  await Promise.all(readers);
  expect([...statuses.keys()].sort()).toEqual(DURING_REBUILD.map((path) => `${path} 200`).sort());
  expect(progress).toMatchObject({
    status: 'switched',
    phase: 'serving',
    serving: 'indicators_v2',
    eventsApplied: expect.any(Number),
  });
  expect(progress.eventsApplied).toBeGreaterThanOrEqual(30_000);

  expect(await dump('indicators_v2')).toEqual(incremental);
  expect(await dashboard()).toEqual(incrementalSeries);
});

it('replaces a schema filled by an earlier version when it starts, answering 503 until the new one serves', async () => {
  const dashboard = async () =>
    (await h.call('GET', '/v1/series?from=2025-01-01&to=2025-12-31&grain=month', h.keys['office'])).json();
  const before: Json = await dashboard();
  // indicators_v2 as a version before the aggregate left it: no format recorded, no count changes.
  const rm = await openDatabase<unknown>({ url: h.db.url });
  await sql`drop table indicators_v2.fact_format`.execute(rm.db);
  await sql`truncate indicators_v2.a_delta`.execute(rm.db);
  await rm.close();

  // Alive (listening) is enough: ready would wait for the upgrade's rebuild to have caught up.
  await h.service.stop();
  await h.service.restart({ until: 'live' });
  const during = await h.call('GET', '/v1/values?date=2025-06-30', h.keys['office']);
  expect(during.status).toBe(503);
  expect((await during.json()).type).toMatch(/not-ready$/);
  let progress: Json;
  do {
    await new Promise((r) => setTimeout(r, 200));
    progress = await (await h.call('GET', '/v1/admin/rebuilds/current', h.keys['office'])).json();
  } while (progress.status === 'running');
  expect(progress).toMatchObject({ status: 'switched', serving: 'indicators_v3' });
  expect(await dashboard()).toEqual(before);
});

it('fills the facts of a first start on a stream with a history by the rebuild path, to the same figures', async () => {
  const dashboard = async (url: string) =>
    (
      await fetch(`${url}/v1/series?from=2025-01-01&to=2025-12-31&grain=month`, {
        headers: { authorization: `Bearer ${h.keys['office']}` },
      })
    ).json();
  const before: Json = await dashboard(h.service.url);
  // A second indicators service with an empty database of its own, as a province hub's first start.
  const db = await createTestDatabase('indicators_first_fill');
  const fresh = await startService({
    entry: 'services/indicators/src/main.ts',
    portVariable: 'INDICATORS_HTTP_PORT',
    readyTimeoutMs: 300_000,
    env: {
      NATS_URL: h.nats.url,
      NATS_USER: 'indicators',
      NATS_PASSWORD: h.nats.passwords['indicators']!,
      INDICATORS_DATABASE_URL: db.url,
      INDICATORS_FIRST_FILL_MIN_COMMITS: '1000',
    },
  });
  try {
    // Ready once the filled schema's runner is live; the old, empty schema is dropped just after.
    let progress: Json;
    do {
      progress = await (
        await fetch(`${fresh.url}/v1/admin/rebuilds/current`, {
          headers: { authorization: `Bearer ${h.keys['office']}` },
        })
      ).json();
      if (progress.status === 'running') await new Promise((r) => setTimeout(r, 100));
    } while (progress.status === 'running');
    expect(progress).toMatchObject({ status: 'switched', serving: 'indicators_v2' });
    expect(progress.eventsApplied).toBeGreaterThanOrEqual(30_000);
    expect(await dashboard(fresh.url)).toEqual(before);
  } finally {
    await fresh.stop();
    await db.drop();
  }
});
