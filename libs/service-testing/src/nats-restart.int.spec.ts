import { randomUUID } from 'node:crypto';
import {
  SERVICE_NAMES,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import type { Json } from './service-under-test';
import { until } from '@cnscd/testing';
import { readMetrics } from './metrics';
import { commitsPerCommand, sendUntilAnswered } from './phones';

/**
 * Fault injection: nats-server killed (SIGKILL) under the running deployment, then started again on
 * its store. While it is away every write answers 503 with Retry-After — never 500 — and once it is
 * back every consumer of every service catches up within 5 seconds. Killed under concurrent writers,
 * while their commits go to the stream together (group commit, decision 0019), it loses and doubles
 * nothing that the writers send again.
 */
jest.setTimeout(120_000);

const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment([OFFICE]);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

const aVisit = () => ({
  commandId: randomUUID(),
  villageCode: 'thon-1',
  householdId: randomUUID(),
  occurredAt: new Date().toISOString(),
  topics: ['vneid'],
});
const logVisit = (body: unknown) =>
  fetch(`${d.services.outreach.url}/v1/visits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['office']}` },
    body: JSON.stringify(body),
  });
const freshness = async (service: (typeof SERVICE_NAMES)[number]): Promise<Json[]> => {
  const res = await fetch(`${d.services[service].url}/v1/freshness`, {
    headers: { authorization: `Bearer ${d.keys['office']}` },
  });
  return res.ok ? ((await res.json()) as Json[]) : [];
};

it('answers 503 with Retry-After while NATS is away, and every projection catches up within 5 s of its return', async () => {
  expect((await logVisit(aVisit())).status).toBe(201);

  await d.nats.crash();
  const whileAway = await Promise.all([logVisit(aVisit()), logVisit(aVisit())]);
  expect(whileAway.map((r) => r.status)).toEqual([503, 503]);
  expect(whileAway[0]!.headers.get('retry-after')).toMatch(/^[3-7]$/);
  expect(await whileAway[0]!.json()).toMatchObject({ code: 'unavailable' });
  const ready = await fetch(`${d.services.outreach.url}/health/ready`);
  expect(ready.status).toBe(503);

  await d.nats.start();
  const back = Date.now();
  // A write as soon as the service can take it again (the connection re-establishes in the background).
  let status = 0;
  const visit = aVisit();
  while (status !== 201 && Date.now() - back < 5000) {
    status = (await logVisit(visit)).status;
    if (status === 201) break;
    expect(status).toBe(503);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(status).toBe(201);

  // Every consumer of every service has read everything, the new visit included.
  const caughtUp = async () =>
    (await Promise.all(SERVICE_NAMES.map(freshness))).every(
      (rows) => rows.length > 0 && rows.every((r) => r.behind === 0 && r.live),
    );
  while (!(await caughtUp()) && Date.now() - back < 5000) await new Promise((r) => setTimeout(r, 100));
  const elapsed = Date.now() - back;
  expect({ caughtUp: await caughtUp(), withinFiveSeconds: elapsed <= 5000 }).toEqual({
    caughtUp: true,
    withinFiveSeconds: true,
  });
});

/** Outreach's atomic batches so far (group commit), from its metrics. */
const groupCommits = async (): Promise<number> =>
  (await readMetrics(d.services.outreach.url, d.keys['office']!)).value('cnscd_event_group_commits_total');

it('loses and doubles nothing when killed under 32 writers whose commits go in atomic batches', async () => {
  const statuses = new Map<number | string, number>();
  const heard = (outcome: number | string) => statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
  const sent: string[] = [];
  let sending = true;
  let back = Infinity;
  let answeredSinceBack = 0;
  // Phones: each visit sent again on no answer or a 5xx until it is answered (`sendUntilAnswered`).
  const writer = async () => {
    while (sending) {
      const visit = aVisit();
      await sendUntilAnswered(`${d.services.outreach.url}/v1/visits`, d.keys['office']!, visit, heard);
      sent.push(visit.commandId);
      if (Date.now() > back) answeredSinceBack++;
    }
  };
  const writers = Promise.all(Array.from({ length: 32 }, writer));
  writers.catch(() => undefined); // its failure is reported where it is awaited

  // Killed while commits are on their way together, not between two lone ones.
  const before = await groupCommits();
  const grouping = Date.now();
  while ((await groupCommits()) < before + 20 && Date.now() - grouping < 20_000)
    await new Promise((r) => setTimeout(r, 50));
  expect(await groupCommits()).toBeGreaterThanOrEqual(before + 20);
  await d.nats.crash();
  await new Promise((r) => setTimeout(r, 1000));
  await d.nats.start();
  back = Date.now();
  await until('writes answered again', async () => answeredSinceBack >= 100, 30_000, 50);
  sending = false;
  await writers;

  // Answered while it was away: 503, or no answer from a request it took down with it — never a 500. A
  // command whose batch was stored but whose answer was lost is answered, sent again, by its original
  // result (200, `Idempotent-Replayed`).
  expect([...statuses.keys()].filter((s) => ![201, 200, 503, 'no answer'].includes(s))).toEqual([]);
  expect(statuses.get(503)).toBeGreaterThan(0);
  // Every visit answered is in the stream, once.
  const commitsOf = await commitsPerCommand(d.nc, {
    commune: '99001',
    context: 'outreach',
    aggregateType: 'visit',
  });
  expect(sent.length).toBeGreaterThan(100);
  expect(sent.filter((id) => commitsOf.get(id)?.size !== 1)).toEqual([]);
});
