#!/usr/bin/env node
// `npm run bench`: runs the benchmarks in bench/ against a fresh nats-server (project config) and the
// local PostgreSQL, and writes their figures, beside raw JetStream measured in the same run, into
// docs/benchmarks.md. `npm run bench -- event-store` (or `indicators`) runs one; `npm run bench -- province`
// runs the province-sized benchmark of issue 16, `npm run bench -- pglite` the embedded default's and
// `npm run bench -- write-path` the whole deployment's HTTP write path (issue 17) — none of them is part
// of the default run: they take minutes. `npm run bench -- cluster` loses nodes of a 3-node JetStream
// cluster under load, `npm run bench -- federation` copies a commune's history to a province hub (issue 20),
// `npm run bench -- filtered-reading` reads part of the stream filtered by nats-server or in the client.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureNatsServer, natsServerVersion } from './ensure-nats-server.mjs';
import { AS_THE_SERVICES, SERVICE_NODE_OPTIONS, runOnProjectNode } from './ensure-node.mjs';
import { ensureDependencies, root } from './lib.mjs';
import { ensureServicesBuilt } from './build.mjs';

await runOnProjectNode(); // the runtime the product runs on (decision 0016)
ensureDependencies();
// The write-path benchmark runs the services as production does: from .build/.
ensureServicesBuilt();
const natsServer = ensureNatsServer();
const only = process.argv[2];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
/** "p50 / p95" (or p99) of a measurement, in ms. */
const percentiles = (x, high) => `${fmt(x.p50)} / ${fmt(x[high])}`;
const machine = `nats-server ${natsServerVersion(natsServer).join('.')} (\`sync_interval: always\`), Node.js ${process.version} (young generation 2 × 16 MiB, as the services'), ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB`;

/**
 * Runs one benchmark file. It runs the product's code (the event store, the indicators' fill) in its own
 * process, with the Node.js options every service gets from its launcher (decision 0016) and the
 * compiler setting every service sets as it starts; its raw baselines too.
 */
function run(file, nodeArgs = []) {
  const result = spawnSync(
    process.execPath,
    [...SERVICE_NODE_OPTIONS.split(' '), ...AS_THE_SERVICES, ...nodeArgs, '-r', '@swc-node/register', file],
    {
      cwd: root,
      env: { ...process.env, CNSCD_NATS_SERVER: natsServer },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const table = (rows) =>
  [
    '| scenario | raw JetStream (events/s) | cnscd (events/s) | ours / raw | goal |',
    '|---|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.raw)} | ${fmt(r.ours)} | **${Math.round(r.ratio * 100)}%** | ${r.goal === null ? '—' : `≥ ${r.goal * 100}% ${r.ratio >= r.goal ? '✔' : '✘'}`} |`,
    ),
  ].join('\n');
const stamp = () =>
  `Latest run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench\`, ${machine}`;

function replaceSection(name, body) {
  const doc = join(root, 'docs', 'benchmarks.md');
  const text = readFileSync(doc, 'utf8');
  const re = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`);
  writeFileSync(doc, text.replace(re, `<!-- ${name}:start -->\n${body}\n<!-- ${name}:end -->`));
  console.log(body);
}

if (!only || only === 'event-store') {
  const r = run('bench/event-store.bench.ts');
  replaceSection(
    'bench',
    `${stamp()};\nmedian of ${r.rounds} alternating rounds; client RSS at the end ${Math.round(r.rssMiB)} MiB.\n\n${table(r.rows)}`,
  );
}
if (!only || only === 'indicators') {
  const r = run('bench/indicators.bench.ts');
  const d = r.dashboard;
  replaceSection(
    'indicators',
    `${stamp()}; PostgreSQL on the same machine; median of ${r.rounds} rounds.\n\n${table(r.rows)}\n\n` +
      `Dashboard query (${d.indicators} indicator series × the commune and ${d.villages} villages × ${d.days} daily values, from the same 100,000 events): ` +
      `**median ${fmt(d.medianMs)} ms**, worst ${fmt(d.worstMs)} ms over ${d.runs} runs after two warm-ups.`,
  );
}

if (only === 'province') {
  // Not in the default run: the 1,000,000-event province takes minutes (seeded once, then reused).
  // --expose-gc: the rebuild's memory is measured from a collected heap, and what it keeps after one.
  const r = run('bench/province.bench.ts', ['--expose-gc']);
  // BENCH_PROVINCE_SEED_ONLY=1 seeds the stores ahead and measures nothing: no figures to write.
  if (process.env.BENCH_PROVINCE_SEED_ONLY) process.exit(0);
  const names = Object.keys(r.results[0].latencies);
  const ms = (x) => percentiles(x, 'p95');
  replaceSection(
    'province',
    `${stamp().replace('`npm run bench`', '`npm run bench -- province`')}; PostgreSQL on the same machine; ${r.communes} communes × ${r.villages} villages; ` +
      `p50 / p95 in ms over ${r.runs} reads (${r.rollupRuns} for the roll-up), each on a random commune.\n\n` +
      [
        `| events | raw replay (events/s) | rebuild (events/s) | rebuild / raw | rebuild time | RSS during the rebuild | heap kept after reading | ${names.join(' | ')} |`,
        `|---:|---:|---:|---:|---:|---:|---:|${names.map(() => '---:').join('|')}|`,
        ...r.results.map(
          (x) =>
            `| ${fmt(x.events)} | ${fmt(x.rawPerSecond)} | ${fmt(x.rebuildPerSecond)} | **${Math.round((100 * x.rebuildPerSecond) / x.rawPerSecond)}%** | ${x.rebuildSeconds.toFixed(1)} s | ${fmt(x.rebuildRssMiB)} MiB | ${fmt(x.rebuildKeptMiB)} MiB | ${names.map((n) => ms(x.latencies[n])).join(' | ')} |`,
        ),
      ].join('\n'),
  );
}

if (only === 'pglite') {
  // Not in the default run: where the embedded default (PGlite) stops, for one commune.
  const r = run('bench/pglite.bench.ts');
  const names = Object.keys(r.results[0].latencies);
  const ms = (x) => percentiles(x, 'p95');
  replaceSection(
    'pglite',
    `${stamp().replace('`npm run bench`', '`npm run bench -- pglite`')}; one commune, 20 villages, read models on PGlite in the benchmark's process; p50 / p95 in ms over ${r.runs} reads.\n\n` +
      [
        `| events | raw replay (events/s) | rebuild (events/s) | rebuild time | RSS | ${names.join(' | ')} |`,
        `|---:|---:|---:|---:|---:|${names.map(() => '---:').join('|')}|`,
        ...r.results.map(
          (x) =>
            `| ${fmt(x.size)} | ${fmt(x.rawPerSecond)} | ${fmt(x.rebuildPerSecond)} | ${x.rebuildSeconds.toFixed(1)} s | ${fmt(x.rssMiB)} MiB | ${names.map((n) => ms(x.latencies[n])).join(' | ')} |`,
        ),
      ].join('\n'),
  );
}

if (only === 'cluster') {
  // Not in the default run: three nats-servers, the whole deployment, a few minutes (issue 20).
  const r = run('bench/cluster.bench.ts');
  const base = r.phases[0].perSecond;
  replaceSection(
    'cluster',
    `${stamp().replace('`npm run bench`', '`npm run bench -- cluster`')}; ${r.phones} phones registering residents and confirming an indicator, each command sent until answered; ` +
      `${r.phaseSeconds} s per phase (longer after a kill, until commands are answered again).\n\n` +
      [
        '| phase | seconds | commands acknowledged | per second | beside all three up |',
        '|---|---:|---:|---:|---:|',
        ...r.phases.map(
          (p) =>
            `| ${p.name} | ${p.seconds.toFixed(1)} | ${fmt(p.acknowledged)} | ${fmt(p.perSecond)} | ${Math.round((100 * p.perSecond) / base)}% |`,
        ),
      ].join('\n') +
      `\n\nLongest time with no command acknowledged: **${fmt(r.pauses.follower)} ms** after killing a follower, ` +
      `**${fmt(r.pauses.leader)} ms** after killing the stream's leader (of which ${fmt(r.resumedAfterElection)} ms after JetStream answered again: a new stream leader and a meta leader), **${fmt(r.pauses.lameDuck)} ms** when the leader was stopped in lame duck mode (an upgrade). A node brought back was current again after ` +
      `${fmt(r.catchUp.follower)} ms (the follower) and ${fmt(r.catchUp.leader)} ms (the old leader). ` +
      `${fmt(r.commands)} commands acknowledged, ${r.lostOrDoubled} lost or recorded twice.`,
  );
}

if (only === 'federation') {
  // Not in the default run: a hub, a commune's leaf server and the province's indicators service (issue 20).
  const r = run('bench/federation.bench.ts');
  const per = (n, s) => fmt(n / s);
  replaceSection(
    'federation',
    `${stamp().replace('`npm run bench`', '`npm run bench -- federation`')}; one commune of ${fmt(r.events)} events in ${fmt(r.commits)} commits, the hub and the leaf on the same machine.\n\n` +
      [
        '| what | seconds | events/s | beside raw replay |',
        '|---|---:|---:|---:|',
        `| raw JetStream replay of the commune's stream (baseline) | ${(r.events / r.raw).toFixed(1)} | ${fmt(r.raw)} | 100% |`,
        `| the hub copying the history (source added) | ${r.copy.seconds.toFixed(1)} | ${fmt(r.copy.eventsPerSecond)} | ${Math.round((100 * r.copy.eventsPerSecond) / r.raw)}% |`,
        `| the province's indicators service, start to ready on the copy | ${r.province.seconds.toFixed(1)} | ${fmt(r.province.eventsPerSecond)} | ${Math.round((100 * r.province.eventsPerSecond) / r.raw)}% |`,
        `| ${fmt(r.offline.commits)} commits recorded with the link cut, copied after it came back | ${r.offline.seconds.toFixed(1)} | ${per(r.offline.events, r.offline.seconds)} | — |`,
      ].join('\n') +
      `\n\nThe source watch's look at the commune, every few seconds on the hub (${fmt(200)} looks, ms; nats-server CPU: both servers' per look):\n\n` +
      [
        '| look | p50 | p95 | nats-server CPU |',
        '|---|---:|---:|---:|',
        ...[
          ['raw JetStream: one message get by sequence at each end (baseline)', r.looks.raw],
          ["`sourcePositions`: by the subject of the commune's last record", r.looks.look],
          ["by the commune's wildcard at both ends (before 2026-12-07)", r.looks.byWildcard],
        ].map(
          ([what, c]) =>
            `| ${what} | ${c.p50.toFixed(2)} | ${c.p95.toFixed(2)} | ${c.serverCpuMs.toFixed(2)} |`,
        ),
      ].join('\n') +
      `\n\nAfter the hub was killed and started again, the source ${r.hubRestart.stalled ? `stayed stalled for 20 s and resumed ${fmt(r.hubRestart.seconds * 1000)} ms after \`restart-source\`` : `resumed by itself within ${fmt(r.hubRestart.seconds * 1000)} ms`}. ` +
      `The hub holds ${fmt(r.hubMessages)} messages for the commune's ${fmt(r.leafMessages)}: ${r.hubMessages === r.leafMessages ? 'none missing or doubled' : '**they differ**'}.`,
  );
}

if (only === 'filtered-reading') {
  // Not in the default run: a projection's filter applied by nats-server or in the client (2026-12-03).
  const r = run('bench/filtered-reading.bench.ts');
  const s = (x) => x.toFixed(1);
  replaceSection(
    'filtered-reading',
    `${stamp().replace('`npm run bench`', '`npm run bench -- filtered-reading`')}; ${fmt(r.events)} events in ${fmt(r.commits)} commits of ${r.communes} communes recorded side by side; seconds to read every commit the filter lets through.\n\n` +
      [
        '| filter | share of the stream | raw, the whole stream (baseline) | raw, nats-server filtering | cnscd `readAll` | time ÷ baseline |',
        '|---|---:|---:|---:|---:|---:|',
        ...r.rows.map(
          (x) =>
            `| ${x.name} | ${Math.round(x.share * 100)}% | ${s(x.whole)} | ${s(x.server)} | ${s(x.cnscd)} | **${Math.round((100 * x.cnscd) / x.whole)}%** |`,
        ),
      ].join('\n'),
  );
}

if (only === 'write-path') {
  // Not in the default run: the whole deployment under load for a few minutes (issue 17).
  const r = run('bench/write-path.bench.ts');
  const ms = (x) => percentiles(x, 'p99');
  // The share of the machine's cores in use while a run went on.
  const busy = (x) => (x.machineBusy === undefined ? '—' : `${Math.round(100 * x.machineBusy)}%`);
  // How many failed, and why (the load's tally: an error code, an HTTP status and problem code).
  const failed = (x) =>
    x.failed
      ? ` (${x.failed} failed: ${Object.entries(x.failures ?? {})
          .map(([why, n]) => `${n} ${why.trim()}`)
          .join(', ')})`
      : '';
  // With BENCH_WRITE_TRACING=1 the same tables go to a section of their own: tracing on.
  const traced = process.env.BENCH_WRITE_TRACING === '1';
  replaceSection(
    traced ? 'write-path-tracing' : 'write-path',
    `${stamp().replace('`npm run bench`', traced ? '`BENCH_WRITE_TRACING=1 npm run bench -- write-path`' : '`npm run bench -- write-path`')}; ` +
      (traced
        ? `**tracing on**: every service exports its spans over OTLP/HTTP to a receiver in the benchmark's process (${fmt(r.spansExported)} spans received); `
        : '') +
      `every service its own process on PostgreSQL, ` +
      `visits logged by a village team's API key, raw appends to a stream of the same server (a fresh subject each, expected empty).\n\n` +
      [
        '| concurrency | HTTP visits/s | raw appends/s | HTTP / raw | HTTP p50 / p99 (ms) | raw p50 / p99 (ms) | `respond-async` visits/s | `respond-async` / raw | `respond-async` p50 / p99 (ms) |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...r.single.map(
          (x) =>
            `| ${x.concurrency} | ${fmt(x.http.perSecond)}${failed(x.http)} | ${fmt(x.raw.perSecond)} | **${((100 * x.http.perSecond) / x.raw.perSecond).toFixed(1)}%** | ${ms(x.http)} | ${ms(x.raw)} | ` +
            `${fmt(x.httpAsync.perSecond)}${failed(x.httpAsync)} | **${((100 * x.httpAsync.perSecond) / x.raw.perSecond).toFixed(1)}%** | ${ms(x.httpAsync)} |`,
        ),
      ].join('\n') +
      `\n\nThe machine's cores busy during the rows at ${r.single.map((x) => x.concurrency).join(' / ')} writers (every process, the kernel's and this client's too): ` +
      ['raw', 'http', 'httpAsync']
        .map(
          (k) =>
            `${{ raw: 'raw', http: 'HTTP', httpAsync: '`respond-async`' }[k]} ${r.single.map((x) => busy(x[k])).join(' / ')}`,
        )
        .join(', ') +
      '.' +
      `\n\n${r.single.map((x) => fmt(x.requests)).join(' / ')} requests per row and kind: visits that wait for read-your-writes, then visits sent with \`Prefer: respond-async\` (answered once appended, docs/api.md), ` +
      `after ${fmt(r.warmUp.visits)} visits of warm-up at ${r.warmUp.concurrency} writers (the deployment's first: ${fmt(r.warmUp.perSecond)} visits/s, p50 / p99 ${ms(r.warmUp)} ms, machine ${busy(r.warmUp)} busy). ` +
      `\`POST /v1/batch\` with ${r.batchItems} visits per batch; a batch refused 503 \`busy\` (as many waiting as \`BULK_WAITING_MAX\` allows) is sent again after \`Retry-After\`, as a partner's service does, its time counted from the first send:\n\n` +
      [
        '| concurrent batches | batches sent | resent after 503 `busy` | items/s | batch p50 / p99 (ms) | machine busy |',
        '|---:|---:|---:|---:|---:|---:|',
        ...r.batches.map(
          (x) =>
            `| ${x.concurrency} | ${x.batches} | ${fmt(x.resent ?? 0)} | ${fmt(x.itemsPerSecond)}${failed(x)} | ${ms(x)} | ${busy(x)} |`,
        ),
      ].join('\n') +
      (r.manyWritersPeakRssMiB
        ? `\n\nThe last row runs after every other figure below is taken (not counted in the processes' table); peak RSS after it: ${Object.entries(
            r.manyWritersPeakRssMiB,
          )
            .map(([n, v]) => `${n} ${v.toFixed(0)} MiB`)
            .join(', ')}.`
        : '') +
      "\n\nFixed arrival rates (latency from when each request was due; CPU per request of every process in the processes' table below — the services, nats-server, PostgreSQL and this client):\n\n" +
      [
        '| offered req/s | achieved req/s | p50 / p99 (ms) | machine busy | CPU per request |',
        '|---:|---:|---:|---:|---:|',
        ...r.rates.map(
          (x) =>
            `| ${x.rate}${x.respondAsync ? ', `Prefer: respond-async`' : ''}${x.raw ? ', raw appends (baseline)' : ''} | ${fmt(x.achieved)}${failed(x)} | ${ms(x)} | ${busy(x)} | ${x.cpuMsPerRequest === undefined ? '—' : `${x.cpuMsPerRequest.toFixed(2)} ms`} |`,
        ),
      ].join('\n') +
      (r.freshness
        ? `\n\nIssue 16's freshness under this load: ${fmt(r.freshness.samples)} adoptions confirmed one after another while visits arrive at ${r.freshness.rate} a second, each counted by \`/v1/values\` p50 / p95 **${fmt(r.freshness.p50)} / ${fmt(r.freshness.p95)} ms** after its confirmation was answered (at most ${fmt(r.freshness.max)}; read from 40 ms after the answer, then every 5 ms).`
        : '') +
      (r.confirmationsImport
        ? `\n\nA partner's bulk upload, \`POST /v1/imports/confirmations\` with ${fmt(r.confirmationsImport.rows)} rows (a stage for each resident, by citizen ID): ` +
          `**${fmt(r.confirmationsImport.rowsPerSecond)} rows/s** (${fmt(r.confirmationsImport.applied)} applied)` +
          (r.registrations
            ? `; its residents registered first without consent, \`POST /v1/batch\` with 200 \`register-resident\` items, one batch after the other: **${fmt(r.registrations.rowsPerSecond)} items/s**.`
            : '.')
        : '') +
      `\n\nEach process over the ${fmt(r.commands)} commands (HTTP, batches, the import; raw runs excluded):\n\n` +
      [
        '| process | CPU seconds per 1,000 commands | database transactions per 1,000 commands | peak RSS |',
        '|---|---:|---:|---:|',
        ...Object.entries(r.processes).map(
          ([n, x]) =>
            `| ${n} | ${x.cpuSecondsPer1000.toFixed(2)} | ${x.transactionsPer1000 === null ? '—' : fmt(x.transactionsPer1000)} | ${x.peakRssMiB === null ? '—' : `${fmt(x.peakRssMiB)} MiB`} |`,
        ),
      ].join('\n'),
  );
}

// The tables above are written unaligned; lay them out as the format check (npm test) expects.
spawnSync('npx', ['prettier', '--write', '--log-level', 'warn', join(root, 'docs', 'benchmarks.md')], {
  cwd: root,
  stdio: 'inherit',
});
