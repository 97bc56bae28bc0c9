/**
 * Federation benchmark (issue 20 §2): a commune's leaf nats-server holding BENCH_FEDERATION_EVENTS events
 * of history (default 100,000), and the province hub sourcing it. Measured in one run: raw JetStream
 * replay of the commune's stream to a client (the baseline); the hub copying the whole history once the
 * commune is added; the province's indicators service (EVENT_STREAM_SOURCED, PostgreSQL) from its start
 * to ready on the copy; what the source watch's look at the commune costs; the copy catching up after the leaf link was cut while the commune recorded
 * BENCH_FEDERATION_OFFLINE_COMMITS commits (default 2,000); and what the hub's restart does to the source.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  EventStore,
  addCommuneSource,
  ensureEventStream,
  restartCommuneSource,
  sourcePositions,
} from '@cnscd/event-store';
import { createTestDatabase, startCommuneLeaf, startNatsHub, startService, until } from '@cnscd/testing';
import { generateHistory } from '../services/indicators/src/testing/generate-history';
import { publishCommits } from '../services/indicators/src/testing/publish-commits';
import { rawReplay } from './raw-replay';
import { sourceLookCosts } from './source-look';
import { seconds } from './timing';

const EVENTS = Number(process.env.BENCH_FEDERATION_EVENTS ?? 100_000);
const OFFLINE_COMMITS = Number(process.env.BENCH_FEDERATION_OFFLINE_COMMITS ?? 2_000);
const COMMUNE = '99001';

/** Seconds until the hub holds every commit the commune has (by the source watch's own reading). */
async function copied(hub: NatsConnection, timeoutMs = 600_000): Promise<number> {
  const start = process.hrtime.bigint();
  await until(
    'the hub holding every commit of the commune',
    async () => {
      const [p] = await sourcePositions(hub);
      return !!p && p.communeLast !== null && p.hubLast === p.communeLast;
    },
    timeoutMs,
    50,
  );
  return seconds(start);
}

// Long: a benchmark's main is its measurements in the order they run, each printed beside its baseline.
async function main() {
  const hub = await startNatsHub();
  const leaf = await startCommuneLeaf(hub, COMMUNE);
  const db = await createTestDatabase('bench_federation');
  const lc = await connect(leaf.as());
  const hc = await connect({ ...hub.as(), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  try {
    await ensureEventStream(lc);
    const store = await EventStore.create(lc);
    const ljs = jetstream(lc);
    const events = await publishCommits(ljs, generateHistory({ totalEvents: EVENTS, commune: COMMUNE }));
    const commits = await store.lastPosition();
    const raw = await rawReplay(ljs, store);
    console.error(`seeded ${commits} commits (${events} events); raw replay ${raw.toFixed(0)} events/s`);

    await addCommuneSource(hc, COMMUNE);
    const copySeconds = await copied(hc);
    console.error(`hub copied the history in ${copySeconds.toFixed(1)} s`);
    const looks = await sourceLookCosts(hc, COMMUNE);
    console.error(`the source watch's look: ${JSON.stringify(looks)}`);

    const started = process.hrtime.bigint();
    const province = await startService({
      entry: 'services/indicators/src/main.ts',
      portVariable: 'INDICATORS_HTTP_PORT',
      readyTimeoutMs: 600_000,
      env: {
        NATS_URL: hub.url,
        NATS_USER: 'indicators',
        NATS_PASSWORD: hub.passwords['indicators']!,
        EVENT_STREAM_SOURCED: 'true',
        INDICATORS_DATABASE_URL: db.url,
      },
    });
    const provinceSeconds = seconds(started);
    console.error(`province indicators ready on the copy after ${provinceSeconds.toFixed(1)} s`);

    await leaf.link.cut();
    const offline = [
      ...generateHistory({ totalEvents: OFFLINE_COMMITS * 3, commune: COMMUNE, seed: 7 }),
    ].slice(0, OFFLINE_COMMITS);
    const offlineEvents = await publishCommits(ljs, offline);
    await leaf.link.mend();
    const backSeconds = await copied(hc);
    console.error(
      `after the link came back: ${offline.length} commits copied in ${backSeconds.toFixed(1)} s`,
    );

    await hub.nodes[0]!.crash();
    await publishCommits(ljs, offline.slice(0, 10));
    await hub.nodes[0]!.start();
    const resumed = await copied(hc, 20_000).then(
      (s) => ({ stalled: false, seconds: s }),
      () => null,
    );
    let afterRestart = resumed;
    if (!afterRestart) {
      const start = process.hrtime.bigint();
      await restartCommuneSource(hc, COMMUNE);
      await copied(hc);
      afterRestart = { stalled: true, seconds: seconds(start) };
    }
    console.error(`after the hub's restart: ${JSON.stringify(afterRestart)}`);
    const copy = await jetstreamManager(hc).then((jsm) => jsm.streams.info('CNSCD_EVENTS'));
    await province.stop();
    console.log(
      JSON.stringify({
        events,
        commits,
        raw,
        copy: {
          seconds: copySeconds,
          eventsPerSecond: events / copySeconds,
          commitsPerSecond: commits / copySeconds,
        },
        looks,
        province: { seconds: provinceSeconds, eventsPerSecond: events / provinceSeconds },
        offline: { commits: offline.length, events: offlineEvents, seconds: backSeconds },
        hubRestart: afterRestart,
        hubMessages: copy.state.messages,
        leafMessages: (await store.lastPosition()) as number,
      }),
    );
  } finally {
    await hc.close();
    await lc.close();
    await leaf.stop();
    await hub.stop();
    await db.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
