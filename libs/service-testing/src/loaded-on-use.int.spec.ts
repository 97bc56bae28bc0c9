import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICE_NAMES, anOrganisation } from './deployment-under-test';
import { startServiceUnderTest } from './service-under-test';

/**
 * Packages a service loads only when it first uses them: each would otherwise cost every service memory
 * from start-up (measured: the OpenTelemetry SDK ≈ 55 MiB and 1 s, exceljs ≈ 28, pdfkit ≈ 23, PGlite's
 * code ≈ 5), for tracing that is off unless configured, reports downloaded a few times a quarter, and
 * an embedded database that a service on PostgreSQL never opens (issue 17).
 */
const LOADED_ON_USE = ['@opentelemetry/sdk-node', 'exceljs', 'pdfkit', '@electric-sql/pglite'];
const root = resolve(__dirname, '../../..');

/**
 * Loaded by a running service all the same, unless it is started as it should be: pino-pretty, for a
 * log written as text (`LOG_FORMAT=json` in containers), and multer, which `@nestjs/platform-express`'s
 * index loads for file uploads no service takes (≈ 1 MiB of heap together, in every service;
 * docs/benchmarks.md, the write path).
 */
const NOT_WHEN_RUNNING = ['pino-pretty', 'multer'];

/** The packages among `require.cache`'s files. */
const packagesIn = (files: readonly string[]): string[] => [
  ...new Set(files.flatMap((f) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? [])),
];

/** The packages in `require.cache` once a service's module is loaded, as `main.ts` loads it (from .build). */
function packagesLoadedBy(service: string): string[] {
  const script = `require('./services/${service}/src/${service}.module.ts');
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const out = execFileSync(process.execPath, ['-r', './scripts/built.cjs', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' },
  });
  return packagesIn(JSON.parse(out) as string[]);
}

it.each(SERVICE_NAMES)(
  'starts the %s service without the tracing SDK, the report renderers or PGlite in memory',
  (service) => {
    const loaded = packagesLoadedBy(service);
    // What every service does load, so that an empty answer cannot pass.
    expect(loaded).toEqual(expect.arrayContaining(['@nestjs/common', 'kysely', '@nats-io/jetstream']));
    expect(loaded.filter((p) => LOADED_ON_USE.includes(p))).toEqual([]);
  },
);

it('runs a service logging JSON without pino-pretty, multer, or any package loaded on use', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-loaded-'));
  const [preload, written] = [join(dir, 'on-stop.cjs'), join(dir, 'loaded.json')];
  // What the process holds when it is told to stop, after start-up and a request (Nest ends it by the
  // signal again, so no 'exit' event).
  writeFileSync(
    preload,
    `process.once('SIGTERM', () => require('node:fs').writeFileSync(${JSON.stringify(written)}, ` +
      `JSON.stringify(Object.keys(require.cache))));`,
  );
  const team = anOrganisation('village-team', 'team-leader', 'team');
  const s = await startServiceUnderTest({
    name: 'merchants',
    organisations: [team],
    env: { LOG_FORMAT: 'json', NODE_OPTIONS: `--require ${preload}` },
  });
  try {
    expect((await s.call('GET', '/v1/merchants', s.keys['team'])).status).toBe(200);
  } finally {
    await s.stop();
  }
  const loaded = packagesIn(JSON.parse(readFileSync(written, 'utf8')) as string[]);
  rmSync(dir, { recursive: true });
  expect(loaded).toEqual(expect.arrayContaining(['express', 'pino', '@nats-io/jetstream']));
  // Started, answering and stopping on PostgreSQL without tracing, it used none of LOADED_ON_USE either.
  const unused = [...NOT_WHEN_RUNNING, ...LOADED_ON_USE];
  expect(loaded.filter((p) => unused.includes(p))).toEqual([]);
}, 60_000);
