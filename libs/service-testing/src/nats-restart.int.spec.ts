import { randomUUID } from 'node:crypto';
import {
  SERVICE_NAMES,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import type { Json } from './service-under-test';

/**
 * Fault injection: nats-server killed (SIGKILL) under the running deployment, then started again on
 * its store. While it is away every write answers 503 with Retry-After — never 500 — and once it is
 * back every consumer of every service catches up within 5 seconds.
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
  expect(whileAway[0]!.headers.get('retry-after')).toBe('5');
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
