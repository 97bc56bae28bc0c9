#!/usr/bin/env node
// `npm run bench`: runs the benchmarks in bench/ against a fresh nats-server (project config) and
// writes their figures, beside raw JetStream measured in the same run, into docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureNatsServer, natsServerVersion } from './ensure-nats-server.mjs';
import { ensureDependencies, root } from './lib.mjs';

ensureDependencies();
const natsServer = ensureNatsServer();
const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'bench/event-store.bench.ts'], {
  cwd: root,
  env: { ...process.env, CNSCD_NATS_SERVER: natsServer },
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (run.status !== 0) process.exit(run.status ?? 1);
const result = JSON.parse(run.stdout.trim().split('\n').pop());

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const rows = result.rows
  .map(
    (r) =>
      `| ${r.name} | ${fmt(r.raw)} | ${fmt(r.ours)} | **${Math.round(r.ratio * 100)}%** | ≥ ${r.goal * 100}% ${r.ratio >= r.goal ? '✔' : '✘'} |`,
  )
  .join('\n');
const section = `<!-- bench:start -->
Latest run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench\`, nats-server ${natsServerVersion(natsServer).join('.')}
(\`sync_interval: always\`), Node.js ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB;
median of ${result.rounds} alternating rounds; client RSS at the end ${Math.round(result.rssMiB)} MiB.

| scenario | raw JetStream (events/s) | cnscd event store (events/s) | ours / raw | goal |
|---|---:|---:|---:|---|
${rows}
<!-- bench:end -->`;

const doc = join(root, 'docs', 'benchmarks.md');
const text = readFileSync(doc, 'utf8');
writeFileSync(doc, text.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, section));
console.log(section);
