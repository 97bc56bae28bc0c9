import { randomUUID } from 'node:crypto';
import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
import type { Json } from './service-under-test';

/**
 * Issue 21, through HTTP as a partner would: a bank's backlog arrives late. A resident's digital
 * signature is confirmed `active` (occurred in June) first, then the `installed` stage (occurred in
 * March) is recorded. The late, lower stage is recorded and counts from its own day, as of any day and
 * as known from the moment it was recorded.
 */
jest.setTimeout(120_000);

const TEAM = anOrganisation('village-team', 'team-leader', 'team');
const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment([TEAM, OFFICE]);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

const post = async (path: string, body: Json) => {
  const res = await fetch(`${d.services.outreach.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['team']}` },
    body: JSON.stringify({ commandId: randomUUID(), ...body }),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
/** Residents of thon-1 with a digital signature, as of a day and optionally as known at an instant. */
const signatures = async (date: string, knownAt?: string) => {
  const query = new URLSearchParams({ date, ...(knownAt ? { knownAt } : {}) });
  const res = await fetch(`${d.services.indicators.url}/v1/values?${query}`, {
    headers: { authorization: `Bearer ${d.keys['office']}` },
  });
  const { values } = (await res.json()) as { values: Json[] };
  return values.find((v) => v.indicator === 'digital-signature' && v.village === 'thon-1')?.numerator ?? 0;
};

it('records a lower stage confirmed late and counts it from the day it occurred, as of and as known', async () => {
  const { body: resident } = await post('/v1/residents', {
    occurredAt: '2025-01-10T09:00:00+07:00',
    citizenId: '068085123456',
    villageCode: 'thon-1',
    consent: false,
  });
  const confirm = (stage: string, occurredAt: string) =>
    post('/v1/adoptions/confirmations', {
      occurredAt,
      residentKey: resident.residentKey,
      indicator: 'digital-signature',
      stage,
      evidence: 'provider-records',
    });
  expect((await confirm('active', '2025-06-01T09:00:00+07:00')).status).toBe(201);
  const beforeTheBacklog = new Date().toISOString();
  const late = await confirm('installed', '2025-03-01T09:00:00+07:00');
  expect(late).toMatchObject({ status: 201, body: { status: 'appended' } });

  let asOfMarch = 0;
  for (let i = 0; i < 50 && asOfMarch === 0; i++) {
    asOfMarch = await signatures('2025-03-01');
    if (asOfMarch === 0) await new Promise((r) => setTimeout(r, 100));
  }
  expect(asOfMarch).toBe(1);
  expect(await signatures('2025-05-31')).toBe(1);
  expect(await signatures('2025-02-28')).toBe(0);
  // As known before the backlog arrived: only the June activation.
  expect(await signatures('2025-05-31', beforeTheBacklog)).toBe(0);
  expect(await signatures('2025-06-01', beforeTheBacklog)).toBe(1);
  // The same late confirmation sent again (another bank's copy) changes nothing.
  expect((await confirm('installed', '2025-04-01T09:00:00+07:00')).body.status).toBe('unchanged');
});
