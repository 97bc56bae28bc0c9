import { randomUUID } from 'node:crypto';
import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';

/**
 * A service told to run few writes at once and let few wait (`WRITES_WAITING_MAX`) refuses the rest of a burst at once with
 * 503 `busy` and `Retry-After` instead of queueing them; sent again with the same command ids, every
 * one of them is recorded once.
 */
jest.setTimeout(120_000);

const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');
const BURST = 100;

let d: DeploymentUnderTest;
beforeAll(async () => {
  // Two writes at once, one waiting: a burst of a hundred overflows them whatever the machine's speed.
  d = await startDeployment([OFFICE], { outreach: { WRITES_IN_FLIGHT: '2', WRITES_WAITING_MAX: '1' } });
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

const logVisit = (body: object) =>
  fetch(`${d.services.outreach.url}/v1/visits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['office']}` },
    body: JSON.stringify(body),
  });

it('refuses a burst beyond its waiting places as 503 busy, and records every visit once when they are sent again', async () => {
  const visits = Array.from({ length: BURST }, () => ({
    commandId: randomUUID(),
    villageCode: 'thon-9',
    householdId: randomUUID(),
    occurredAt: new Date().toISOString(),
    topics: ['vneid'],
  }));
  const answers = await Promise.all(visits.map(logVisit));
  const refused = answers.filter((r) => r.status === 503);
  expect(refused.length).toBeGreaterThan(0);
  expect(answers.every((r) => r.status === 201 || r.status === 503)).toBe(true);
  expect(refused[0]!.headers.get('retry-after')).toBe('5');
  expect(await refused[0]!.json()).toMatchObject({ code: 'busy' });

  // Sent again (the same command ids, one after the other): each recorded once, none twice.
  const again = [];
  for (const visit of visits) again.push(await logVisit(visit));
  const statuses = again.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(refused.length);
  expect(statuses.filter((s) => s === 200)).toHaveLength(BURST - refused.length);
  const listed = await fetch(`${d.services.outreach.url}/v1/visits?village=thon-9&limit=500`, {
    headers: { authorization: `Bearer ${d.keys['office']}` },
  });
  expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(BURST);
});
