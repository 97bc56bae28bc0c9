/**
 * Write-path benchmark (issue 17): the whole deployment running as in production (every service its own
 * process on PostgreSQL, one nats-server with `sync_interval: always`), visits logged over HTTP by a
 * village team's API key — one per request (waiting for read-your-writes, and again with `Prefer:
 * respond-async`), and 200 per `POST /v1/batch` — beside raw JetStream appends
 * (`Nats-Expected-Last-Subject-Sequence`, a fresh subject each, as each visit is a new record) to the same
 * server at the same concurrency, in the same run. Then fixed arrival rates (p50/p99 measured from each
 * request's scheduled start, so a queue shows), a partner's CSV import of confirmations (a stage for
 * each of `IMPORT_ROWS` residents, by citizen ID), and each process's CPU seconds per 1,000 commands and
 * peak RSS.
 *
 * Long: one benchmark, its phases in the order they run; split, each part would need the deployment.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { SERVICE_NAMES, startDeployment } from '@cnscd/service-testing';
import { Client } from 'pg';
import { serverUrl, startOtlpReceiver, type TestOrganisation } from '@cnscd/testing';
import { freshnessUnderLoad } from './freshness-under-load';
import { httpPoster } from './http-client';
import { closedLoop, fixedRate, type Run } from './load';
import { seconds } from './timing';
import { cpuCounterOfAll, cpuSeconds, withMachineBusy } from './machine-cpu';

const CONCURRENCY = [1, 32, 256];
/**
 * Requests per row and kind: at least `REQUESTS`, and sixteen per writer, so that each row is a
 * sustained rate rather than its ramp-up and drain (1,500 requests once made 256 writers send six each).
 */
const REQUESTS = Number(process.env.BENCH_WRITE_REQUESTS ?? 4_000);
const requestsAt = (c: number) => Math.max(REQUESTS, 16 * c);
/**
 * Visits logged at 32 writers before any figure is taken, and reported apart: a fresh process runs its
 * first tens of thousands of requests on code V8 has not optimised yet (outreach's CPU per visit fell
 * from 0.38 to 0.28 ms over the first 30,000 visits, 2026-12-06), so the rows measure the deployment as
 * it runs once warm, and this line what its first minutes cost.
 */
const WARM_UP = Number(process.env.BENCH_WRITE_WARM_UP ?? 20_000);
const BATCH_ITEMS = 200;
const BATCH_CONCURRENCY = [1, 32];
/**
 * Many partners posting at once, far past the write slots (four batches fill them) — 256, the highest
 * concurrency issue 17 asks of single and batch writes alike: run last, once the other figures are
 * taken, so that its backlog in the read models does not weigh on them. Where the command-id index's
 * filter once filled at half its size, and then thirty readings of its table ran at once (issue 17).
 */
const MANY_BATCH_WRITERS = 256;
const BATCHES = Number(process.env.BENCH_WRITE_BATCHES ?? 32);
/**
 * Batches sent by each of `c` concurrent writers: at least three each, so that the figure is a sustained
 * rate. One wave of 32 batches sent at once measured the wave's fill and drain — every batch parsed
 * before any reached the stream, then the read models catching up with nothing else to do — and moved
 * from 1,700 to 2,300 items/s between runs (docs/benchmarks.md, the write path).
 */
const batchesAt = (c: number) => Math.max(BATCHES, 3 * c);
const RATES = [100, 200, 500];
/** Rows of the confirmations import (a police upload of VNeID activations), residents registered first. */
const IMPORT_ROWS = Number(process.env.BENCH_WRITE_IMPORT_ROWS ?? 1_000);
const RATE_SECONDS = Number(process.env.BENCH_WRITE_RATE_SECONDS ?? 10);

const TEAM: TestOrganisation = {
  id: 'thon-1',
  organisationId: 'to-cnscd-thon-1',
  organisationKind: 'village-team',
  role: 'team-leader',
  commune: '99001',
};
/** Reads the indicators while the team writes: issue 16's freshness under this load. */
const OFFICE: TestOrganisation = {
  id: 'office',
  organisationId: 'phong-van-hoa-xa-hoi',
  organisationKind: 'culture-society-office',
  role: 'administrator',
  commune: '99001',
};

const aVisit = () => ({
  commandId: randomUUID(),
  villageCode: 'thon-1',
  householdId: randomUUID(),
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  topics: ['vneid', 'e-health-record'],
  note: 'Hộ cần hỗ trợ cài VNeID cho người cao tuổi',
});

/** How many residents of the commune have their e-health record today, as the indicators answer. */
async function confirmedToday(indicatorsUrl: string, key: string): Promise<number> {
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10); // Vietnam's day
  const res = await fetch(`${indicatorsUrl}/v1/values?date=${today}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const { values } = (await res.json()) as { values: { indicator: string; numerator: number }[] };
  return Math.max(0, ...values.filter((v) => v.indicator === 'e-health-record').map((v) => v.numerator));
}

/** A valid citizen ID number of someone born in 1990 (province 066), the `i`-th of the run. */
const citizenId = (i: number) => `066090${String(i).padStart(6, '0')}`;

/** Raw JetStream: one append per record, each to a fresh subject expecting it to be empty. */
const rawAppend = (js: JetStreamClient, body: string) => async () => {
  await js.publish(`bench.raw.${randomUUID()}`, body, { expect: { lastSubjectSequence: 0 } });
  return true;
};

/** A process's peak resident set so far, in MiB. */
const peakRssMiB = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

// Long: a benchmark's main is its measurements in the order they run, each beside its baseline.
async function main() {
  // BENCH_WRITE_PROFILE=<dir>: every service writes a CPU profile there when it stops (`node --cpu-prof`).
  const profile = process.env.BENCH_WRITE_PROFILE;
  const nodeArgs = profile
    ? Object.fromEntries(SERVICE_NAMES.map((n) => [n, ['--cpu-prof', `--cpu-prof-dir=${profile}/${n}`]]))
    : {};
  // BENCH_WRITE_TRACING=1: every service exports its spans (OTLP/HTTP JSON) to a receiver in this
  // process, as a deployment with tracing on sends them to a collector: what tracing costs the path.
  const otlp = process.env.BENCH_WRITE_TRACING === '1' ? await startOtlpReceiver() : null;
  const tracing = otlp
    ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }
    : null;
  // Logs as the container image writes them (one JSON line per request), not `npm start`'s text lines.
  const env = Object.fromEntries(SERVICE_NAMES.map((n) => [n, { LOG_FORMAT: 'json', ...tracing }]));
  const d = await startDeployment([TEAM, OFFICE], { env, nodeArgs });
  try {
    const outreach = d.services.outreach.url;
    const authorization = `Bearer ${d.keys['thon-1']}`;
    const send = httpPoster(outreach, { authorization });
    // A partner's service that never reads back what it posts: answered once appended (docs/api.md).
    const sendAsync = httpPoster(outreach, { authorization, prefer: 'respond-async' });
    // A refusal throws its status and problem code, so that the tables say why requests failed.
    const post =
      (path: string, body: unknown, expected: (json: unknown) => boolean, poster = send) =>
      async () => {
        const { status, json } = await poster(path, JSON.stringify(body));
        if (status >= 300 && status !== 202)
          throw new Error(`HTTP ${status} ${(json as { code?: string } | null)?.code ?? ''}`);
        return expected(json);
      };
    const appended = (j: unknown) => (j as { status?: string }).status === 'appended';
    const visit = () => post('/v1/visits', aVisit(), appended)();
    const visitAsync = () => post('/v1/visits', aVisit(), appended, sendAsync)();
    // A partner's service: a batch refused `busy` (as many waited as BULK_WAITING_MAX allows) is sent
    // again, the same items and command ids, after `Retry-After`; its time counts from the first send.
    let batchesResent = 0;
    const batch = async () => {
      const body = JSON.stringify({
        items: Array.from({ length: BATCH_ITEMS }, () => ({ kind: 'log-visit', input: aVisit() })),
      });
      for (;;) {
        const { status, json, retryAfterS } = await send('/v1/batch', body);
        const code = (json as { code?: string } | null)?.code;
        if (status === 503 && code === 'busy') {
          batchesResent += 1;
          await new Promise((r) => setTimeout(r, (retryAfterS ?? 1) * 1000));
          continue;
        }
        if (status >= 300) throw new Error(`HTTP ${status} ${code ?? ''}`);
        return (json as { summary?: { applied: number } }).summary?.applied === BATCH_ITEMS;
      }
    };

    const jsm = await jetstreamManager(d.nc);
    const events = await jsm.streams.info('CNSCD_EVENTS');
    // The baseline stream stores as the event stream does (file storage, the server's fsync policy).
    await jsm.streams.add({ name: 'BENCH_RAW', subjects: ['bench.raw.>'], storage: events.config.storage });
    // The baseline's appends, emptied after each of its rows: every one is a subject of its own, which
    // nats-server keeps in memory (≈ 280 bytes each, docs/operations.md), and the server's peak RSS is
    // the product's figure, not the baseline's.
    const rawAppends = async <T>(row: () => Promise<T>): Promise<T> => {
      const result = await row();
      await jsm.streams.purge('BENCH_RAW');
      return result;
    };
    const js = jetstream(d.nc);
    // The bytes of one visit's commit as the event store writes it.
    const rawBody = JSON.stringify({ v: 1, meta: { commandId: randomUUID() }, events: [{ data: aVisit() }] });
    const warmUp = await withMachineBusy(() => closedLoop(WARM_UP, 32, visit));

    const pids = {
      ...Object.fromEntries(SERVICE_NAMES.map((n) => [n, d.services[n].pid()])),
      'nats-server': d.nats.pid(),
    };
    // CPU seconds of each process, and transactions committed in each service's database, while the
    // HTTP runs go on (not during the raw baseline's).
    // Beside them, what the services' database server and this benchmark's own client spend.
    const cpuOf: Record<string, () => number> = {
      ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, () => cpuSeconds(pid)])),
      'PostgreSQL (every process)': cpuCounterOfAll('postgres'),
      'the benchmark’s client': () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1e6;
      },
    };
    const cpu: Record<string, number> = Object.fromEntries(Object.keys(cpuOf).map((n) => [n, 0]));
    const transactions: Record<string, number> = Object.fromEntries(SERVICE_NAMES.map((n) => [n, 0]));
    const stats = new Client({ connectionString: serverUrl() });
    await stats.connect();
    const committed = async () => {
      // pg_stat_database is updated when a backend reports, at most every second or so.
      await new Promise((r) => setTimeout(r, 1_500));
      const { rows } = await stats.query<{ datname: string; n: string }>(
        'select datname, xact_commit::text as n from pg_stat_database where datname = any($1)',
        [SERVICE_NAMES.map((n) => d.databases[n].name)],
      );
      return Object.fromEntries(
        SERVICE_NAMES.map((n) => [n, Number(rows.find((r) => r.datname === d.databases[n].name)?.n ?? 0)]),
      );
    };
    let commands = 0;
    const counted = async <T>(n: number, work: () => Promise<T>): Promise<T> => {
      const [cpuBefore, xactBefore] = [
        Object.fromEntries(Object.entries(cpuOf).map(([name, read]) => [name, read()])),
        await committed(),
      ];
      const result = await work();
      const xactAfter = await committed();
      for (const [name, read] of Object.entries(cpuOf)) cpu[name]! += read() - cpuBefore[name]!;
      for (const name of SERVICE_NAMES) transactions[name]! += xactAfter[name]! - xactBefore[name]!;
      commands += n;
      return result;
    };

    // Each phase's figures as it ends, with outreach's peak RSS so far: which phase raises it.
    const phaseDone = (figures: object | undefined) =>
      console.error(
        JSON.stringify({ ...figures, outreachPeakRssMiB: peakRssMiB(d.services.outreach.pid()) }),
      );
    const single = [];
    for (const c of CONCURRENCY) {
      const n = requestsAt(c);
      const raw = await rawAppends(() => withMachineBusy(() => closedLoop(n, c, rawAppend(js, rawBody))));
      const http = await counted(n, () => withMachineBusy(() => closedLoop(n, c, visit)));
      const httpAsync = await counted(n, () => withMachineBusy(() => closedLoop(n, c, visitAsync)));
      single.push({ concurrency: c, requests: n, raw, http, httpAsync });
      phaseDone(single.at(-1));
    }
    const batches: (Run & {
      concurrency: number;
      batches: number;
      resent: number;
      itemsPerSecond: number;
    })[] = [];
    const batchesBy = async (c: number) => {
      const n = batchesAt(c);
      const resentBefore = batchesResent;
      const run = await withMachineBusy(() => closedLoop(n, c, batch));
      const resent = batchesResent - resentBefore;
      batches.push({
        concurrency: c,
        batches: n,
        resent,
        itemsPerSecond: run.perSecond * BATCH_ITEMS,
        ...run,
      });
      phaseDone(batches.at(-1));
    };
    for (const c of BATCH_CONCURRENCY) await counted(batchesAt(c) * BATCH_ITEMS, () => batchesBy(c));
    // What a fixed rate costs every process together, per request: one by one, requests batch less
    // than under a closed loop (docs/benchmarks.md, "What the 500 requests/s tail is made of").
    const everyProcessCpu = () => Object.values(cpuOf).reduce((sum, read) => sum + read(), 0);
    const atRate = async (rate: number, one: () => Promise<boolean>) => {
      const before = everyProcessCpu();
      const run = await withMachineBusy(() => fixedRate(rate, RATE_SECONDS, one));
      return { ...run, cpuMsPerRequest: ((everyProcessCpu() - before) * 1000) / (rate * RATE_SECONDS) };
    };
    const rates = [];
    for (const rate of RATES) {
      rates.push(await counted(rate * RATE_SECONDS, () => atRate(rate, visit)));
      phaseDone(rates.at(-1));
    }
    // The highest rate again, answered without read-your-writes; then raw appends at that rate, the baseline.
    const rate = RATES.at(-1)!;
    rates.push({
      ...(await counted(rate * RATE_SECONDS, () => atRate(rate, visitAsync))),
      respondAsync: true,
    });
    phaseDone(rates.at(-1));
    rates.push({ ...(await rawAppends(() => atRate(rate, rawAppend(js, rawBody)))), raw: true });
    phaseDone(rates.at(-1));
    // Issue 16's freshness at the highest rate, waiting visits: not counted in the processes' table
    // (its reads of the indicators are its own load).
    const freshness = {
      rate,
      ...(await freshnessUnderLoad(
        send,
        () => confirmedToday(d.services.indicators.url, d.keys['office']!),
        (i) => citizenId(100_000 + i),
        fixedRate(rate, RATE_SECONDS, visit),
      )),
    };
    phaseDone(freshness);
    // A partner's bulk upload: the residents registered without consent (batches of 200, one after
    // the other), then one CSV import confirming a stage for each of them, by citizen ID.
    const registrationStart = process.hrtime.bigint();
    for (let i = 0; i < IMPORT_ROWS; i += BATCH_ITEMS) {
      const items = Array.from({ length: Math.min(BATCH_ITEMS, IMPORT_ROWS - i) }, (_, k) => ({
        kind: 'register-resident',
        input: {
          commandId: randomUUID(),
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          citizenId: citizenId(i + k),
          villageCode: 'thon-1',
          consent: false,
        },
      }));
      const applied = (j: unknown) =>
        (j as { summary?: { applied: number } }).summary?.applied === items.length;
      if (!(await post('/v1/batch', { items }, applied)()))
        throw new Error('could not register the residents');
    }
    const registrations = { rows: IMPORT_ROWS, rowsPerSecond: IMPORT_ROWS / seconds(registrationStart) };
    const csv = [
      'Số CCCD,Chỉ tiêu,Giai đoạn,Minh chứng,Ngày',
      ...Array.from(
        { length: IMPORT_ROWS },
        (_, i) => `${citizenId(i)},1,Đã cài đặt,Kiểm tra trên máy,02/03/2026`,
      ),
    ].join('\n');
    let importSeconds = 0;
    const imported = await counted(IMPORT_ROWS, async () => {
      const importStart = process.hrtime.bigint();
      const { json } = await send('/v1/imports/confirmations?dryRun=false', csv, 'text/csv');
      const answer = json as { applied?: number };
      importSeconds = seconds(importStart);
      return answer;
    });
    const confirmationsImport = {
      rows: IMPORT_ROWS,
      applied: imported.applied ?? 0,
      rowsPerSecond: IMPORT_ROWS / importSeconds,
    };
    phaseDone({ registrations, confirmationsImport });
    const processes = Object.fromEntries(
      Object.keys(cpuOf).map((n) => [
        n,
        {
          cpuSecondsPer1000: (cpu[n]! * 1000) / commands,
          transactionsPer1000: n in transactions ? (transactions[n]! * 1000) / commands : null,
          peakRssMiB: n in pids ? peakRssMiB(pids[n as keyof typeof pids]) : null,
        },
      ]),
    );
    // Not counted in the processes' table above: it keeps the load earlier runs measured.
    await batchesBy(MANY_BATCH_WRITERS);
    const manyWritersPeakRssMiB = Object.fromEntries(
      Object.entries(pids).map(([n, pid]) => [n, peakRssMiB(pid)]),
    );
    console.log(
      JSON.stringify({
        warmUp: { visits: WARM_UP, concurrency: 32, ...warmUp },
        batchItems: BATCH_ITEMS,
        commands,
        single,
        batches,
        rates,
        registrations,
        confirmationsImport,
        freshness,
        processes,
        manyWritersPeakRssMiB,
        spansExported: otlp ? otlp.spans().length : null,
      }),
    );
    await stats.end();
  } finally {
    await d.stop();
    await otlp?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
