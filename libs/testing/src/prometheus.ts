import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-ports';

const repoRoot = resolve(__dirname, '../../..');

/** One series of an instant query: its labels and its value. */
export interface Sample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface RunningPrometheus {
  readonly url: string;
  /** An instant query (PromQL) over what it has scraped so far. */
  query(promql: string): Promise<Sample[]>;
  stop(): Promise<void>;
}

/** The prometheus binary scripts/ensure-prometheus.mjs found or fetched (Debian's package). */
export function prometheusBinary(): string {
  if (process.env.CNSCD_PROMETHEUS) return process.env.CNSCD_PROMETHEUS;
  const bin = execFileSync(process.execPath, [join(repoRoot, 'scripts/ensure-prometheus.mjs')], {
    encoding: 'utf8',
  }).trim();
  process.env.CNSCD_PROMETHEUS = bin;
  return bin;
}

/** Every target scraped every second with the bearer key (JSON is YAML: written as one). */
function scrapeConfig(targets: Readonly<Record<string, string>>, bearer: string): string {
  return JSON.stringify({
    global: { scrape_interval: '1s', scrape_timeout: '1s' },
    scrape_configs: [
      {
        job_name: 'cnscd',
        authorization: { type: 'Bearer', credentials: bearer },
        static_configs: Object.entries(targets).map(([service, target]) => ({
          targets: [target],
          labels: { service },
        })),
      },
    ],
  });
}

/**
 * A real Prometheus server scraping `targets` (`host:port`, each labelled with its service) every
 * second at `/metrics`, with `bearer` as the `Authorization` of every scrape — as deploy/prometheus
 * configures it for the compose deployment.
 */
export async function startPrometheus(options: {
  targets: Readonly<Record<string, string>>;
  bearer: string;
}): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-prometheus-'));
  const port = await freePort();
  writeFileSync(join(dir, 'prometheus.yml'), scrapeConfig(options.targets, options.bearer));
  let log = '';
  const child = spawn(
    prometheusBinary(),
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`prometheus did not start on ${port}:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async query(promql) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as {
        status: string;
        error?: string;
        data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
      return body.data!.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    async stop() {
      if (child.exitCode === null)
        await new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
