/**
 * Indicators benchmark: the full rebuild of the facts (into PostgreSQL, the facts of 8,000 events per
 * transaction with its checkpoint, bulk tables by binary COPY) beside raw JetStream replay of the same
 * stream, in the same run;
 * and the latency of the dashboard's main query (all indicators, all villages, one year of daily values).
 */
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { EventStore, ensureEventStream } from '@cnscd/event-store';
import { openDatabase } from '@cnscd/read-model';
import { createTestDatabase, startNatsServer } from '@cnscd/testing';
import { INDICATORS } from '@cnscd/contracts';
import { createFactSchema } from '../services/indicators/src/infrastructure/fact-schema';
import type { FactsDatabase } from '../services/indicators/src/infrastructure/read-model';
import { fillFacts } from '../services/indicators/src/queries/facts/fill-facts';
import { generateHistory } from '../services/indicators/src/testing/generate-history';
import { publishCommits } from '../services/indicators/src/testing/publish-commits';
import { rawReplay } from './raw-replay';
import { seconds } from './timing';
import { seriesOf } from '../services/indicators/src/queries/values/indicator-values';
import { loadCommune } from '../services/indicators/src/queries/values/load-commune';
import { COMMUNE } from '../services/indicators/src/queries/engine/series';

const EVENTS = Number(process.env.BENCH_INDICATOR_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Long: a benchmark's main is its measurements in the order they run, each printed beside its baseline.
async function main() {
  const nats = await startNatsServer();
  const testDb = await createTestDatabase('bench_indicators');
  const nc = await connect(nats.as());
  const rm = await openDatabase<unknown>({ url: testDb.url });
  try {
    await ensureEventStream(nc);
    const store = await EventStore.create(nc);
    const js = jetstream(nc);
    const events = await publishCommits(js, generateHistory({ totalEvents: EVENTS }));

    const raw: number[] = [];
    const ours: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(await rawReplay(js, store));

      // Ours: the rebuild path (FactsStore.fill → fillFacts): decode, validate against contracts, facts,
      // binary COPY + checkpoint per 8,000 events, four writes at once, then the keys and indexes.
      const schema = `bench_v${round}`;
      await createFactSchema(rm.db as Kysely<unknown>, schema, { indexes: false });
      const db = rm.db.withSchema(schema) as unknown as Kysely<FactsDatabase>;
      const start = process.hrtime.bigint();
      const { eventsApplied: applied } = await fillFacts(store, db, schema);
      ours.push(applied / seconds(start));
    }

    // The dashboard: every indicator, the commune and all 20 villages, daily values for a year.
    const db = rm.db.withSchema('bench_v0') as unknown as Kysely<FactsDatabase>;
    const latencies: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = process.hrtime.bigint();
      const loaded = await loadCommune(db, '99001', { from: '2025-01-01', to: '2025-12-31' });
      const series = seriesOf(loaded, INDICATORS, [COMMUNE, ...loaded.villages], 'day');
      if (series.length !== INDICATORS.length * (loaded.villages.length + 1))
        throw new Error('incomplete dashboard');
      latencies.push(seconds(start) * 1000);
    }
    const steady = latencies.slice(2);
    const rebuild = {
      name: `full rebuild of the indicator facts (${events} events) into PostgreSQL`,
      raw: median(raw),
      ours: median(ours),
      // Each round's pair is measured back to back; the median of their ratios is steadier than a ratio of medians.
      ratio: median(ours.map((o, i) => o / raw[i]!)),
      goal: 0.5,
    };
    console.error(
      `${rebuild.name}: raw ${rebuild.raw.toFixed(0)}/s, ours ${rebuild.ours.toFixed(0)}/s, ${(rebuild.ratio * 100).toFixed(0)}% (goal ≥ 50%)`,
    );
    console.error(
      `dashboard query: median ${median(steady).toFixed(0)} ms, worst ${Math.max(...steady).toFixed(0)} ms`,
    );
    console.log(
      JSON.stringify({
        rows: [rebuild],
        dashboard: {
          medianMs: median(steady),
          worstMs: Math.max(...steady),
          runs: steady.length,
          indicators: INDICATORS.length,
          villages: 20,
          days: 365,
        },
        rounds: ROUNDS,
      }),
    );
  } finally {
    await rm.close();
    await nc.close();
    await nats.stop();
    await testDb.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
