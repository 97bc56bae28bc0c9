/**
 * Province benchmark (issue 16): a province of 120 communes × 20 villages, at each size in
 * BENCH_PROVINCE_SIZES (events; default 100,000 and 1,000,000; add 10,000,000 for the full run). The
 * stream is generated once per size into `.data/bench-province/<size>/` and reused by later runs. For
 * each size, in the same run: raw JetStream replay, the full rebuild of the indicator facts, peak RSS,
 * and p50/p95 of the reads a deployment serves — one commune's dashboard for today, a year of daily
 * series, values as of a random past day, as known at a random past instant, and the province roll-up.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { INDICATORS } from '@cnscd/contracts';
import { contractViolation } from '@cnscd/contracts';
import { EventStore, ensureEventStream } from '@cnscd/event-store';
import { ProjectionRunner, openDatabase } from '@cnscd/read-model';
import { createTestDatabase, startNatsServer } from '@cnscd/testing';
import { createFactSchema } from '../services/indicators/src/infrastructure/fact-schema';
import type { FactsDatabase } from '../services/indicators/src/infrastructure/read-model';
import { vietnamDay } from '../services/indicators/src/queries/engine/days';
import { COMMUNE } from '../services/indicators/src/queries/engine/series';
import { fillFacts } from '../services/indicators/src/queries/facts/fill-facts';
import { indicatorsProjection } from '../services/indicators/src/queries/facts/indicators.projection';
import { seriesOf, valuesOn } from '../services/indicators/src/queries/values/indicator-values';
import { loadCommune } from '../services/indicators/src/queries/values/load-commune';
import { provinceValues } from '../services/indicators/src/queries/values/province-values';
import { generateHistory } from '../services/indicators/src/testing/generate-history';
import { publishCommits } from '../services/indicators/src/testing/publish-commits';
import { rawReplay } from './raw-replay';
import { percentile, seconds, timed } from './timing';

const SIZES = (process.env.BENCH_PROVINCE_SIZES ?? '100000,1000000').split(',').map(Number);
const COMMUNES = Array.from({ length: 120 }, (_, i) => String(90_001 + i));
const RUNS = Number(process.env.BENCH_PROVINCE_RUNS ?? 100);
const PROVINCE_RUNS = Number(process.env.BENCH_PROVINCE_ROLLUP_RUNS ?? 20);
/**
 * The generated histories' last day: the year of series ends there; the reads as known at a past
 * instant read it.
 */
const HISTORY_END = '2025-12-31';
/**
 * The day a dashboard and the roll-up read: today in Vietnam, as the service's reads without a date do
 * (until 2026-12-05, HISTORY_END).
 */
const TODAY = vietnamDay(new Date());

let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

/** Generates the province's stream once per size; later runs find it and reuse it. */
async function seedOnce(js: JetStreamClient, store: EventStore, marker: string, size: number) {
  if (existsSync(marker) && (await store.lastPosition()) > 0)
    return JSON.parse(readFileSync(marker, 'utf8')) as { events: number; from: string; to: string };
  const from = new Date().toISOString();
  let events = 0;
  for (const [i, commune] of COMMUNES.entries()) {
    const history = generateHistory({ totalEvents: size / COMMUNES.length, commune, seed: i + 1 });
    // A generous timeout: a busy machine's fsync can stall an acknowledgement for seconds, and a
    // publish retried after a timeout could land twice.
    events += await publishCommits(js, history, { timeoutMs: 120_000 });
    if (i % 20 === 19) console.error(`  seeded ${i + 1} of ${COMMUNES.length} communes (${events} events)`);
  }
  const seeded = { events, from, to: new Date().toISOString() };
  writeFileSync(marker, JSON.stringify(seeded));
  return seeded;
}

const onDay = (day: string) => ({ from: day, to: day });

/** The reads a deployment serves, each on a random commune (and day, or instant) per run. */
function reads(db: Kysely<FactsDatabase>, seeded: { from: string; to: string }) {
  const span = Date.parse(seeded.to) - Date.parse(seeded.from);
  const pastDay = () => `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
  const pastInstant = () => new Date(Date.parse(seeded.from) + random() * span).toISOString();
  return {
    dashboard: async () => valuesOn(await loadCommune(db, pick(COMMUNES), onDay(TODAY))),
    'year of daily series': async () => {
      const loaded = await loadCommune(db, pick(COMMUNES), { from: '2025-01-01', to: HISTORY_END });
      return seriesOf(loaded, INDICATORS, [COMMUNE, ...loaded.villages], 'day');
    },
    'values as of a past day': async () => valuesOn(await loadCommune(db, pick(COMMUNES), onDay(pastDay()))),
    'values as known at a past instant': async () =>
      valuesOn(await loadCommune(db, pick(COMMUNES), onDay(HISTORY_END), pastInstant())),
  };
}

/**
 * Freshness: from the start of an append until a read of the commune's values includes it — the live
 * projection, resumed from the rebuild's checkpoint as the service's runner is after a switch-over,
 * receives the event, applies it with its count changes and commits, and the read follows. One append
 * at a time, to a commune of its own, on top of the province's store.
 */
async function freshness(js: JetStreamClient, store: EventStore, db: Kysely<FactsDatabase>) {
  const runner = new ProjectionRunner(store, db, indicatorsProjection('bench'), { check: contractViolation });
  runner.start();
  try {
    if (!(await runner.waitFor(await store.lastPosition(), 120_000)))
      throw new Error('the runner did not resume');
    const ms: number[] = [];
    for (const commit of generateHistory({
      totalEvents: RUNS * 10,
      commune: '99999',
      seed: Date.now() % 1_000_000,
    })) {
      const start = process.hrtime.bigint();
      const { seq } = await js.publish(commit.subject, commit.body);
      if (!(await runner.waitFor(seq, 10_000))) throw new Error(`event ${seq} not applied within 10 s`);
      valuesOn(await loadCommune(db, '99999', onDay(TODAY)));
      ms.push(seconds(start) * 1000);
    }
    return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
  } finally {
    await runner.stop();
  }
}

/** The full rebuild into the schema `bench`: its time, its phases', and its memory. */
async function rebuildOf(store: EventStore, db: Kysely<FactsDatabase>) {
  // The rebuild's own memory: the highest RSS sampled while it runs (the process's peak also
  // holds the earlier sizes' runs), from a heap the raw replay left collected; and what the rebuild
  // keeps once the stream is read (its per-resident state), after a full collection.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  let rebuildRss = process.memoryUsage().rss;
  let keptMiB = 0;
  const sampler = setInterval(() => (rebuildRss = Math.max(rebuildRss, process.memoryUsage().rss)), 25);
  const start = process.hrtime.bigint();
  // Seconds each phase of the rebuild took (reading the stream, indexing, counting the late changes
  // and the totals): where its time goes, for whoever makes it faster.
  const phases: Record<string, number> = {};
  let phase = 'reading';
  let phaseStart = process.hrtime.bigint();
  const { eventsApplied } = await fillFacts(store, db, 'bench', (report) => {
    if (report.phase === phase) return;
    phases[phase] = seconds(phaseStart);
    if (phase === 'reading') {
      gc();
      keptMiB = process.memoryUsage().heapUsed / 2 ** 20;
    }
    [phase, phaseStart] = [report.phase, process.hrtime.bigint()];
  });
  phases[phase] = seconds(phaseStart);
  const rebuildSeconds = seconds(start);
  clearInterval(sampler);
  return {
    seconds: rebuildSeconds,
    eventsApplied,
    rssMiB: rebuildRss / 2 ** 20,
    keptMiB,
    phases,
  };
}

async function measure(size: number) {
  const dir = join(__dirname, '..', '.data', 'bench-province', String(size));
  mkdirSync(join(dir, 'nats'), { recursive: true });
  const nats = await startNatsServer({ storeDir: join(dir, 'nats') });
  const nc = await connect(nats.as());
  const reader = await connect(nats.as('indicators'));
  const testDb = await createTestDatabase('bench_province');
  const rm = await openDatabase<unknown>({ url: testDb.url });
  try {
    await ensureEventStream(nc);
    const store = await EventStore.create(nc);
    const js = jetstream(nc);
    const seeded = await seedOnce(js, store, join(dir, 'seeded.json'), size);
    // Seeding 10,000,000 events takes minutes (in atomic batches): it can be done ahead, alone
    // (BENCH_PROVINCE_SEED_ONLY=1), so that the run's own process is not enlarged by it.
    if (process.env.BENCH_PROVINCE_SEED_ONLY) return { size, events: seeded.events };
    // Read as the indicators service reads it, as its own bus user (deploy/nats/permissions.conf): until
    // 2026-12-06 nats-server kept every delivery to that user as a reply it might send, and its reading
    // of 1,000,000 events took 14 s where `ops` took 5 (docs/benchmarks.md, the write path).
    const reading = await EventStore.create(reader);
    const raw = await rawReplay(jetstream(reader), reading);
    await createFactSchema(rm.db as Kysely<unknown>, 'bench', { indexes: false });
    const db = rm.db.withSchema('bench') as unknown as Kysely<FactsDatabase>;
    const rebuild = await rebuildOf(reading, db);
    const latencies: Record<string, { p50: number; p95: number }> = {};
    for (const [name, read] of Object.entries(reads(db, seeded))) latencies[name] = await timed(RUNS, read);
    latencies['province roll-up'] = await timed(PROVINCE_RUNS, () => provinceValues(db, 'bench', TODAY));
    latencies['freshness: append → in values'] = await freshness(js, store, db);
    const result = {
      size,
      events: seeded.events,
      rawPerSecond: raw,
      rebuildSeconds: rebuild.seconds,
      rebuildPerSecond: rebuild.eventsApplied / rebuild.seconds,
      rebuildRssMiB: rebuild.rssMiB,
      rebuildKeptMiB: rebuild.keptMiB,
      rebuildPhases: rebuild.phases,
      latencies,
    };
    console.error(JSON.stringify(result));
    return result;
  } finally {
    await rm.close();
    await nc.close();
    await reader.close();
    await nats.stop();
    await testDb.drop();
  }
}

async function main() {
  const results = [];
  for (const size of SIZES) results.push(await measure(size));
  console.log(
    JSON.stringify({
      communes: COMMUNES.length,
      villages: 20,
      runs: RUNS,
      rollupRuns: PROVINCE_RUNS,
      results,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
