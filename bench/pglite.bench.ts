/**
 * The embedded default: one commune's indicators on PGlite (the read models inside the service's own
 * process, no PostgreSQL server), at growing sizes — the rebuild's rate beside raw JetStream replay of
 * the same stream, and the reads a commune's screens make. Where it stops is where these figures stop
 * being acceptable; docs/benchmarks.md says where that is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { INDICATORS } from '@cnscd/contracts';
import { EventStore, ensureEventStream } from '@cnscd/event-store';
import { openDatabase } from '@cnscd/read-model';
import { startNatsServer } from '@cnscd/testing';
import { createFactSchema } from '../services/indicators/src/infrastructure/fact-schema';
import type { FactsDatabase } from '../services/indicators/src/infrastructure/read-model';
import { fillFacts } from '../services/indicators/src/queries/facts/fill-facts';
import { COMMUNE } from '../services/indicators/src/queries/engine/series';
import { seriesOf, valuesOn } from '../services/indicators/src/queries/values/indicator-values';
import { loadCommune } from '../services/indicators/src/queries/values/load-commune';
import { generateHistory } from '../services/indicators/src/testing/generate-history';
import { publishCommits } from '../services/indicators/src/testing/publish-commits';
import { rawReplay } from './raw-replay';
import { seconds, timed } from './timing';

const SIZES = (process.env.BENCH_PGLITE_SIZES ?? '10000,100000').split(',').map(Number);
const RUNS = 10;

async function measure(size: number) {
  const nats = await startNatsServer();
  const nc = await connect(nats.as());
  const dataDir = mkdtempSync(join(tmpdir(), 'cnscd-pglite-bench-'));
  const rm = await openDatabase<unknown>({ dataDir });
  try {
    await ensureEventStream(nc);
    const js = jetstream(nc);
    await publishCommits(js, generateHistory({ totalEvents: size }));
    const store = await EventStore.create(nc);
    const raw = await rawReplay(js, store);
    await createFactSchema(rm.db as Kysely<unknown>, 'bench', { indexes: false });
    const db = rm.db.withSchema('bench') as unknown as Kysely<FactsDatabase>;
    const start = process.hrtime.bigint();
    const { eventsApplied } = await fillFacts(store, db, 'bench');
    const rebuildSeconds = seconds(start);
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const latencies = {
      dashboard: await timed(RUNS, async () =>
        valuesOn(await loadCommune(db, '99001', { from: year.to, to: year.to })),
      ),
      'year of daily series': await timed(RUNS, async () => {
        const loaded = await loadCommune(db, '99001', year);
        return seriesOf(loaded, INDICATORS, [COMMUNE, ...loaded.villages], 'day');
      }),
    };
    const result = {
      size: eventsApplied,
      rawPerSecond: raw,
      rebuildPerSecond: eventsApplied / rebuildSeconds,
      rebuildSeconds,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
      latencies,
    };
    console.error(JSON.stringify(result));
    return result;
  } finally {
    await rm.close();
    rmSync(dataDir, { recursive: true, force: true });
    await nc.close();
    await nats.stop();
  }
}

async function main() {
  const results = [];
  for (const size of SIZES) results.push(await measure(size));
  console.log(JSON.stringify({ runs: RUNS, results }));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
