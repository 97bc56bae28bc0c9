import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVICE_NAMES } from './deployment-under-test';

/**
 * Packages a service loads only when it first uses them: each would otherwise cost every service memory
 * from start-up (measured: the OpenTelemetry SDK ≈ 55 MiB and 1 s, exceljs ≈ 28, pdfkit ≈ 23, PGlite's
 * code ≈ 5), for tracing that is off unless configured, reports downloaded a few times a quarter, and
 * an embedded database that a service on PostgreSQL never opens (issue 17).
 */
const LOADED_ON_USE = ['@opentelemetry/sdk-node', 'exceljs', 'pdfkit', '@electric-sql/pglite'];
const root = resolve(__dirname, '../../..');

/** The packages in `require.cache` once a service's module is loaded, as `main.ts` loads it (from .build). */
function packagesLoadedBy(service: string): string[] {
  const script = `require('./services/${service}/src/${service}.module.ts');
    const names = Object.keys(require.cache).map((f) => f.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/)?.[1]);
    process.stdout.write(JSON.stringify([...new Set(names.filter(Boolean))]));`;
  const out = execFileSync(process.execPath, ['-r', './scripts/built.cjs', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' },
  });
  return JSON.parse(out) as string[];
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
