import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { Client } from 'pg';
import { prometheusBinary, startPrometheus, type RunningPrometheus } from '@cnscd/testing';
import {
  SERVICE_NAMES,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import type { Json } from './service-under-test';

/**
 * Issue 18: the whole deployment scraped by a real Prometheus server (Debian's package, fetched by
 * scripts/ensure-prometheus.mjs) with a key narrowed to `ops:read`, as deploy/prometheus does; the
 * projection-lag metric seen to rise while the indicators' database holds its writes back and to fall
 * back to zero once it lets them through; and the outreach log, as JSON, carrying one line per request
 * and per refused command with the caller's trace id.
 */
jest.setTimeout(180_000);

const TEAM = anOrganisation('village-team', 'team-leader', 'team');
// The commune's administrators hold `ops:read`; the scraper's key is narrowed to it.
const SCRAPER = {
  ...anOrganisation('peoples-committee', 'administrator', 'scraper'),
  scopes: ['ops:read'] as const,
};

let d: DeploymentUnderTest;
let prometheus: RunningPrometheus;
beforeAll(async () => {
  d = await startDeployment([TEAM, SCRAPER], { env: { outreach: { LOG_FORMAT: 'json' } } });
  prometheus = await startPrometheus({
    targets: Object.fromEntries(SERVICE_NAMES.map((s) => [s, new URL(d.services[s].url).host])),
    bearer: d.keys['scraper']!,
  });
}, 180_000);
afterAll(async () => {
  await prometheus?.stop();
  await d?.stop();
}, 60_000);

/** The value of a PromQL expression once `ok` holds (Prometheus scrapes every second). */
async function eventually(promql: string, ok: (v: number) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last: number | undefined;
  while (Date.now() < deadline) {
    const [sample] = await prometheus.query(promql);
    last = sample?.value;
    if (last !== undefined && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${promql} is ${last} after ${timeoutMs} ms`);
}

const post = async (path: string, body: Json, headers: Record<string, string> = {}) => {
  const res = await fetch(`${d.services.outreach.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['team']}`, ...headers },
    body: JSON.stringify({ commandId: randomUUID(), ...body }),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

it('scrapes every service with an ops:read key', async () => {
  for (const service of SERVICE_NAMES) await eventually(`up{service="${service}"}`, (v) => v === 1);
  const scraped = await prometheus.query('count by (service) (cnscd_projection_checkpoint)');
  expect(scraped.map((s) => s.metric.service).sort()).toEqual([...SERVICE_NAMES].sort());
  // Every service says how many writes run and wait (its write slots); idle, none.
  const slots = await prometheus.query('count by (service) (cnscd_writes{state="waiting"} == 0)');
  expect(slots.map((s) => s.metric.service).sort()).toEqual([...SERVICE_NAMES].sort());
});

it('shows a projection falling behind in events and seconds, then catching up', async () => {
  const lag = 'max(cnscd_projection_lag_seconds{service="indicators"})';
  const behind = 'max(cnscd_projection_behind_events{service="indicators"})';
  const checkpoint = 'max(cnscd_projection_checkpoint{service="indicators"})';
  await eventually(behind, (v) => v === 0);
  const before = await eventually(checkpoint, () => true);

  // The indicators' database holds every write back (a lock, as a long migration or a stuck vacuum would).
  const blocker = new Client({ connectionString: d.databases.indicators.url });
  await blocker.connect();
  try {
    const { rows } = await blocker.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables
        where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    await blocker.query('begin');
    await blocker.query(`lock table ${rows.map((r) => r.name).join(', ')} in access exclusive mode`);

    const resident = await post('/v1/residents', {
      occurredAt: '2025-01-10T09:00:00+07:00',
      citizenId: '068085123457',
      villageCode: 'thon-1',
      consent: false,
    });
    expect(resident.status).toBe(201);
    expect(await eventually(behind, (v) => v > 0)).toBeGreaterThan(0);
    expect(await eventually(lag, (v) => v >= 2)).toBeGreaterThanOrEqual(2);
  } finally {
    await blocker.query('rollback').catch(() => undefined);
    await blocker.end();
  }
  await eventually(lag, (v) => v === 0);
  await eventually(behind, (v) => v === 0);
  expect(await eventually(checkpoint, (v) => v > before)).toBeGreaterThan(before);
});

it('counts commands accepted and refused, by reason, and requests by route and subject', async () => {
  const refused = await post('/v1/adoptions/confirmations', {
    occurredAt: '2025-03-01T09:00:00+07:00',
    residentKey: 'no-such-resident',
    indicator: 'digital-signature',
    stage: 'installed',
    evidence: 'provider-records',
  });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  const accepted = await eventually(
    'sum(cnscd_commands_total{service="outreach",command="register-resident",outcome="accepted"})',
    (v) => v >= 1,
  );
  expect(accepted).toBeGreaterThanOrEqual(1);
  const byReason = await eventually(
    `sum(cnscd_commands_total{service="outreach",command="confirm-adoption",outcome="refused",reason="${refused.body.code}"})`,
    (v) => v >= 1,
  );
  expect(byReason).toBe(1);
  const h = natsHeaders();
  h.set('Authorization', `Bearer ${d.keys['team']}`);
  const reply = await d.nc.request('cnscd.outreach.cmd.confirm-adoption', '{}', {
    timeout: 5000,
    headers: h,
  });
  expect((reply.json() as Json).err.status).toBe(400);
  const natsRefused = await eventually(
    'sum(cnscd_nats_requests_total{service="outreach",subject="cnscd.outreach.cmd.confirm-adoption",outcome="client-error"})',
    (v) => v >= 1,
  );
  expect(natsRefused).toBe(1);
  // Timed in its handler: the NATS controller's own interceptor ran (HTTP requests pass none).
  const natsTimed = await eventually(
    'sum(cnscd_nats_request_duration_seconds_count{service="outreach",subject="cnscd.outreach.cmd.confirm-adoption",outcome="client-error"})',
    (v) => v >= 1,
  );
  expect(natsTimed).toBe(1);
  const requests = await eventually(
    'sum(cnscd_http_requests_total{service="outreach",method="POST",route="/v1/residents",status="201"})',
    (v) => v >= 1,
  );
  expect(requests).toBeGreaterThanOrEqual(1);
});

it('logs one JSON line per request and per refused command, with the caller’s trace id', async () => {
  const traceId = randomBytes(16).toString('hex');
  const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
  const refused = await post(
    '/v1/residents',
    { occurredAt: '2025-01-10T09:00:00+07:00', villageCode: 'no-such-village', consent: false },
    { traceparent },
  );
  expect(refused.status).toBe(400);
  // The request's line is written once the answer has gone out: read the log until it is there.
  const linesOf = () =>
    d.services.outreach
      .logs()
      .split('\n')
      .filter((l) => l.startsWith('{') && l.endsWith('}'))
      .map((l) => JSON.parse(l) as Json)
      .filter((l) => l.trace_id === traceId);
  for (let i = 0; i < 100 && !linesOf().some((l) => l.msg === 'request'); i++)
    await new Promise((r) => setTimeout(r, 50));
  const lines = linesOf();
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        msg: 'request',
        service: 'outreach',
        method: 'POST',
        route: '/v1/residents',
        status: 400,
        organisation: 'village-team',
      }),
      expect.objectContaining({
        msg: 'command refused',
        command: 'register-resident',
        code: refused.body.code,
      }),
    ]),
  );
});

it('ships a Prometheus configuration and alarms that Prometheus accepts (deploy/prometheus)', async () => {
  const deploy = resolve(__dirname, '../../../deploy/prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-promtool-'));
  writeFileSync(join(dir, 'key'), 'a key');
  writeFileSync(join(dir, 'alerts.yml'), readFileSync(join(deploy, 'alerts.yml')));
  const config = readFileSync(join(deploy, 'prometheus.yml'), 'utf8')
    .replace('/run/secrets/prometheus-key', join(dir, 'key'))
    .replace('/etc/prometheus/alerts.yml', join(dir, 'alerts.yml'));
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const promtool = join(dirname(prometheusBinary()), 'promtool');
  const out = execFileSync(promtool, ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
  expect(out).toMatch(/SUCCESS: \d+ rules found/);
  // Every alarm names a metric the services export (the scrape above saw them all, or their family).
  const alarms = readFileSync(join(deploy, 'alerts.yml'), 'utf8');
  const names = await fetch(`${prometheus.url}/api/v1/label/__name__/values`).then((r) => r.json());
  const EXPORTED = (names as { data: string[] }).data;
  // The source metrics are the province hub's own: federation.int.spec.ts reads them there.
  const here = [...new Set(alarms.match(/cnscd_[a-z_]+/g))].filter((m) => !m.startsWith('cnscd_source_'));
  for (const metric of here) expect(EXPORTED).toContain(metric);
});

it('keeps every service scraped while NATS stands still, saying that NATS does not answer', async () => {
  const services = SERVICE_NAMES.length;
  d.nats.freeze();
  try {
    // Every service answered its latest scrape (a failed one drops its series), each saying NATS is silent.
    await eventually('count(cnscd_event_stream_reachable == 0)', (v) => v === services);
    const [up] = await prometheus.query('count(up == 1)');
    expect(up?.value).toBe(services);
    const [healthy] = await prometheus.query('max(cnscd_projection_healthy)');
    expect(healthy?.value).toBe(0);
  } finally {
    d.nats.thaw();
  }
  await eventually('count(cnscd_event_stream_reachable == 1)', (v) => v === services);
});
