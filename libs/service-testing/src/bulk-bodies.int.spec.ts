import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
import { readMetrics } from './metrics';

/**
 * A service reads only so many bulk bodies at once (`BULK_BYTES_IN_FLIGHT`): the rest wait their turn
 * unread, a client that gives up leaves the queue, and every batch is applied whole once its turn comes;
 * past the waiting places (`BULK_WAITING_MAX`) one is refused at once, nothing of it run; a client that
 * declares a body and stalls is cut off (`BULK_BODY_TIMEOUT_MS`) and gives its place back.
 * An idle keep-alive connection stays open longer than the pools reusing it keep theirs
 * (`HTTP_KEEP_ALIVE_TIMEOUT_MS`).
 */
jest.setTimeout(120_000);

const TEAM = anOrganisation('village-team', 'team-leader', 'team');
const SCRAPER = {
  ...anOrganisation('peoples-committee', 'administrator', 'scraper'),
  scopes: ['ops:read'] as const,
};
/** The smallest bound allowed: a body counts at most half of it, so two batches of 200 visits fit. */
const BOUND = 64 * 1024;
const ITEMS = 200;
/** How long a body let in may take to arrive (the smallest allowed is 1 s). */
const BODY_TIMEOUT_MS = 1_500;
/** Bulk requests that may wait their turn. */
const WAITING_MAX = 4;

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment([TEAM, SCRAPER], {
    env: {
      outreach: {
        BULK_BYTES_IN_FLIGHT: String(BOUND),
        BULK_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
        BULK_WAITING_MAX: String(WAITING_MAX),
      },
    },
  });
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

const aBatch = () =>
  JSON.stringify({
    items: Array.from({ length: ITEMS }, () => ({
      kind: 'log-visit',
      input: {
        commandId: randomUUID(),
        villageCode: 'thon-9',
        householdId: randomUUID(),
        occurredAt: new Date().toISOString(),
        topics: ['vneid'],
        note: 'Hộ cần hỗ trợ cài VNeID cho người cao tuổi',
      },
    })),
  });

const postBatch = (body: string, signal?: AbortSignal) =>
  fetch(`${d.services.outreach.url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['team']}` },
    body,
    ...(signal ? { signal } : {}),
  });

/** Outreach's bulk requests now, from its metrics: read and under way, and waiting unread. */
async function bulkRequests(): Promise<{ reading: number; waiting: number }> {
  const metrics = await readMetrics(d.services.outreach.url, d.keys['scraper']!);
  const value = (state: string) => metrics.value('cnscd_bulk_requests', `state="${state}"`);
  return { reading: value('reading'), waiting: value('waiting') };
}

/** Polls outreach's metrics until they say `expected` (at most 10 s). */
async function untilBulkRequests(expected: { reading: number; waiting: number }): Promise<void> {
  let last;
  for (
    const deadline = Date.now() + 10_000;
    Date.now() < deadline;
    await new Promise((r) => setTimeout(r, 50))
  )
    if (JSON.stringify((last = await bulkRequests())) === JSON.stringify(expected)) return;
  throw new Error(`bulk requests ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}

it('reads two batches at once under a 64 KiB bound, lets the others wait unread, drops one whose client gave up, and applies the rest whole', async () => {
  const bodies = Array.from({ length: 6 }, aBatch);
  expect(Buffer.byteLength(bodies[0]!)).toBeGreaterThan(BOUND / 2);

  // A nats-server standing still holds the batches let in at their appends, whatever the machine's speed.
  d.nats.freeze();
  const givesUp = new AbortController();
  const answers = bodies.slice(0, 5).map((body) => postBatch(body));
  let abandoned: Promise<unknown> | undefined;
  try {
    await untilBulkRequests({ reading: 2, waiting: 3 });
    abandoned = postBatch(bodies[5]!, givesUp.signal).catch((err: unknown) => err);
    await untilBulkRequests({ reading: 2, waiting: 4 });
    givesUp.abort();
    await untilBulkRequests({ reading: 2, waiting: 3 });
  } finally {
    d.nats.thaw();
  }
  expect(await abandoned).toMatchObject({ name: 'AbortError' });
  const summaries = await Promise.all(
    (await Promise.all(answers)).map(async (r) => ({
      status: r.status,
      summary: ((await r.json()) as { summary: unknown }).summary,
    })),
  );
  expect(summaries).toEqual(
    Array(5).fill({ status: 207, summary: { total: ITEMS, applied: ITEMS, alreadyApplied: 0, failed: 0 } }),
  );
  await untilBulkRequests({ reading: 0, waiting: 0 });
});

it('refuses a batch past the waiting places at once, 503 busy with Retry-After of 3–7 s, nothing of it run, and takes it whole when sent again', async () => {
  const refusedBefore = (await readMetrics(d.services.outreach.url, d.keys['scraper']!)).value(
    'cnscd_bulk_requests_refused_busy_total',
  );
  const refusedBody = aBatch();
  d.nats.freeze();
  let answers: Promise<Response>[];
  let refused: Response;
  let refusedImport: Response;
  let unauthenticated: Response;
  try {
    answers = Array.from({ length: 2 + WAITING_MAX }, () => postBatch(aBatch()));
    await untilBulkRequests({ reading: 2, waiting: WAITING_MAX });
    refused = await postBatch(refusedBody);
    // A caller without a key is answered at once, and takes no partner's place. (An unknown key is
    // refused after the key directory has caught up with the stream, which the frozen server holds.)
    unauthenticated = await fetch(`${d.services.outreach.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: aBatch(),
    });
    await untilBulkRequests({ reading: 2, waiting: WAITING_MAX });
    // An import of 1.6 MB is refused the same way, its body discarded unread by Node.js.
    refusedImport = await fetch(`${d.services.outreach.url}/v1/imports/confirmations?dryRun=false`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${d.keys['team']}` },
      body: `Số CCCD,Chỉ tiêu,Giai đoạn,Minh chứng,Ngày\n${'066090000001,1,Đã cài đặt,Kiểm tra,02/03/2026\n'.repeat(30_000)}`,
    });
  } finally {
    d.nats.thaw();
  }
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toMatch(/^[3-7]$/);
  expect(await refused.json()).toMatchObject({ code: 'busy', status: 503 });
  expect([refusedImport.status, ((await refusedImport.json()) as { code: string }).code]).toEqual([
    503,
    'busy',
  ]);
  expect([unauthenticated.status, ((await unauthenticated.json()) as { code: string }).code]).toEqual([
    401,
    'unauthenticated',
  ]);
  const metrics = await readMetrics(d.services.outreach.url, d.keys['scraper']!);
  expect(metrics.value('cnscd_bulk_requests_refused_busy_total')).toBe(refusedBefore + 2);
  expect((await Promise.all(answers)).map((r) => r.status)).toEqual(Array(2 + WAITING_MAX).fill(207));
  const again = await postBatch(refusedBody);
  expect(await again.json()).toMatchObject({ summary: { total: ITEMS, applied: ITEMS, alreadyApplied: 0 } });
  await untilBulkRequests({ reading: 0, waiting: 0 });
});

it('answers a client that declares a batch and stalls 408 body-too-slow, closes its connection, and gives its place back', async () => {
  const { hostname, port } = new URL(d.services.outreach.url);
  const socket = connect(Number(port), hostname);
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST /v1/batch HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${d.keys['team']}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"items":[',
  );
  await untilBulkRequests({ reading: 1, waiting: 0 });
  await closed;
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'body-too-slow' });
  expect(d.services.outreach.logs()).toContain('bulk body not received in time: connection closed');
  // The body parser's own failure on the closed request is no error of the service's.
  expect(d.services.outreach.logs()).not.toMatch(/ERR_HTTP_HEADERS_SENT|Cannot set headers/);
  await untilBulkRequests({ reading: 0, waiting: 0 });
  const after = await postBatch(aBatch());
  expect(after.status).toBe(207);
});

/** Answers read off one raw connection, each once its headers and `Content-Length` bytes are in. */
function rawConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  let buffered = '';
  let closed = false;
  const waiting: (() => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => ((buffered += chunk), waiting.splice(0).forEach((w) => w())));
  socket.on('close', () => ((closed = true), waiting.splice(0).forEach((w) => w())));
  socket.on('error', () => undefined); // seen as `closed`
  const answer = async (): Promise<string> => {
    for (;;) {
      const end = buffered.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (end >= 0 && buffered.length >= end + 4 + length) {
        const whole = buffered.slice(0, end + 4 + length);
        buffered = buffered.slice(whole.length);
        return whole;
      }
      if (closed) throw new Error('connection closed');
      await new Promise<void>((r) => waiting.push(r));
    }
  };
  return {
    get: (path: string) => (
      socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`),
      answer()
    ),
    isClosed: () => closed,
    end: () => socket.destroy(),
  };
}

it('keeps an idle keep-alive connection open past Node.js’s 5 s, saying for how long', async () => {
  const connection = rawConnection(Number(new URL(d.services.training.url).port));
  try {
    const first = await connection.get('/health/live');
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toMatch(/keep-alive: timeout=65/i);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(connection.isClosed()).toBe(false);
    expect(await connection.get('/health/live')).toMatch(/^HTTP\/1\.1 200/);
  } finally {
    connection.end();
  }
});
