#!/usr/bin/env node
// `npm test`: typecheck, lint, then unit and integration tests against real servers
// (a nats-server >= 2.10 per test file, a fresh database per test file on the local PostgreSQL).
import { spawnSync } from 'node:child_process';
import { ensureNatsServer } from './ensure-nats-server.mjs';
import { runOnProjectNode } from './ensure-node.mjs';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensurePrometheus } from './ensure-prometheus.mjs';
import { ensureLibreOffice } from './ensure-libreoffice.mjs';
import { canConnect, ensureDependencies, ensureWebBuild, root } from './lib.mjs';
import { ensureServicesBuilt } from './build.mjs';

await runOnProjectNode(); // Node.js 24 LTS for the tests too (decision 0016)

const step = (title, cmd, args, env = {}) => {
  console.error(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed`);
    process.exit(r.status ?? 1);
  }
  console.error(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
};

ensureDependencies();
process.env.CNSCD_NATS_SERVER = ensureNatsServer();
const pgPort = Number(process.env.PGPORT ?? 5432);
const pgHost = process.env.PGHOST && !process.env.PGHOST.startsWith('/') ? process.env.PGHOST : '127.0.0.1';
if (!(await canConnect(pgPort, pgHost))) {
  console.error(
    `cnscd: PostgreSQL does not answer on ${pgHost}:${pgPort}. Start it (or set PGHOST/PGPORT) and run npm test again.`,
  );
  process.exit(1);
}

const only = process.argv[2];
if (!only || only === 'static') {
  step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  step('typecheck (web app)', 'npx', ['tsc', '-p', 'services/web/app/tsconfig.json']);
  step('lint (module boundaries, type imports)', 'npm', ['run', '--silent', 'lint']);
  step('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  step('functions under 60 lines, files under 250, or a reason next to them', process.execPath, [
    'scripts/long-functions.mjs',
  ]);
  step('docs/writes.md matches the lists of writes', process.execPath, [
    'scripts/docs-writes.mjs',
    '--check',
  ]);
}
const jest = (project) =>
  step(`${project} tests`, 'npx', ['jest', '--selectProjects', project, '--maxWorkers', '2'], {
    NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning',
  });
if (!only || only === 'unit') jest('unit');
if (!only || only === 'integration') {
  // The web app's tests drive the built app in Debian's Chromium; the services run from .build/.
  ensureWebBuild();
  ensureServicesBuilt();
  process.env.CNSCD_CHROMIUM = ensureChromium();
  // The metrics test scrapes the deployment with a real Prometheus (Debian's package, into .tools/).
  process.env.CNSCD_PROMETHEUS = ensurePrometheus();
  // The report's print test converts its workbook to PDF with LibreOffice (Debian's package).
  process.env.CNSCD_SOFFICE = ensureLibreOffice();
  jest('integration');
}
