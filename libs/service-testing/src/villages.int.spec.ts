import { randomUUID } from 'node:crypto';
import { REGISTERED_VILLAGE } from '@cnscd/contracts';
import {
  WRITING_KINDS,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import { bodyWith, fieldsWhere, lastStreamPosition, postRoutes, postTo, type Schema } from './openapi-routes';
import type { Json } from './service-under-test';

/**
 * Issue 14 §4: villages are registered data. Every write that names a village is checked against
 * the commune's register (recorded through the indicators service) in every service; the routes and
 * their village fields come from each service's OpenAPI document (`x-registered: village`), so a new
 * endpoint is covered without anyone remembering it.
 */
jest.setTimeout(120_000);

const ORGANISATIONS = WRITING_KINDS.map((kind) => anOrganisation(kind));
const OFFICE = ORGANISATIONS[0]!.id;
const TEAM = ORGANISATIONS.find((o) => o.organisationKind === 'village-team')!.id;

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment(ORGANISATIONS);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

/** The fields that must name a registered village, as the OpenAPI documents mark them. */
const villageFields = (doc: Json, schema: Schema) =>
  fieldsWhere(doc, schema, (s) =>
    [REGISTERED_VILLAGE.value, REGISTERED_VILLAGE.ever].includes(s[REGISTERED_VILLAGE.key]),
  ).map((f) => [...f.path]);

const post = async (
  service: keyof DeploymentUnderTest['services'],
  path: string,
  key: string,
  body: Json,
) => {
  const res = await fetch(`${d.services[service].url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys[key]}` },
    body: JSON.stringify({ commandId: randomUUID(), occurredAt: new Date().toISOString(), ...body }),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const visitIn = (villageCode: string, occurredAt = new Date().toISOString()) =>
  post('outreach', '/v1/visits', TEAM, {
    occurredAt,
    villageCode,
    householdId: randomUUID(),
    topics: ['vneid'],
  });

it('refuses, in every write route of every service, a village the commune never registered, naming the field', async () => {
  const routes = (await postRoutes(d))
    .filter((r) => r.body)
    .map((r) => ({ ...r, fields: villageFields(r.doc, r.body) }))
    .filter((r) => r.fields.length > 0);
  // Visits, households, residents, moves, merchants, markets, streets, teams, activities, sessions,
  // denominators, targets, village mergers, a village team's organisation: found from the documents,
  // not listed here.
  expect(routes.length).toBeGreaterThanOrEqual(13);
  expect(new Set(routes.map((r) => r.service))).toEqual(
    new Set(['identity', 'outreach', 'merchants', 'training', 'indicators']),
  );
  const before = await lastStreamPosition(d);
  const findings: string[] = [];
  for (const route of routes)
    for (const field of route.fields) {
      const pointer = `#/${field.join('/')}`;
      const res = await postTo(d, route, bodyWith(field, 'thon-khong-co'), route.key);
      const problem: Json = await res.json().catch(() => null);
      const named = (problem?.errors ?? []).find((e: Json) => e.pointer === pointer);
      if (![400, 422].includes(res.status) || !/chưa đăng ký thôn/.test(named?.detail ?? ''))
        findings.push(
          `${route.service} POST ${route.path} ${pointer}: ${res.status} ${JSON.stringify(problem)}`,
        );
    }
  expect(findings).toEqual([]);
  expect(await lastStreamPosition(d)).toBe(before);
});

it('answers 422 unknown-village for an otherwise valid visit, and accepts it once the commune registers the village', async () => {
  const refused = await visitIn('thon-moi');
  expect(refused).toMatchObject({
    status: 422,
    body: { code: 'unknown-village', errors: [{ pointer: '#/villageCode' }] },
  });
  // Registered through the indicators service: outreach knows it at once (its follower catches up).
  const registered = await post('indicators', '/v1/villages', OFFICE, {
    villageCode: 'thon-moi',
    name: 'Thôn Mới',
    effectiveDate: '2025-07-01',
  });
  expect(registered.status).toBe(201);
  expect((await visitIn('thon-moi')).status).toBe(201);

  const list = await fetch(`${d.services.indicators.url}/v1/villages`, {
    headers: { authorization: `Bearer ${d.keys[TEAM]}` },
  });
  expect(list.status).toBe(200);
  expect(((await list.json()) as Json).villages).toContainEqual(
    expect.objectContaining({ villageCode: 'thon-moi', name: 'Thôn Mới', retiredOn: null }),
  );
});

it('after a merger, refuses new writes in the merged village naming its successor, but takes late ones from before', async () => {
  const merged = await post('indicators', '/v1/villages/retirements', OFFICE, {
    villageCode: 'thon-8',
    effectiveDate: '2026-01-01',
    successors: ['thon-9'],
    reason: 'Nghị quyết sáp nhập thôn',
  });
  expect(merged.status).toBe(201);
  const after = await visitIn('thon-8', '2026-01-02T09:00:00+07:00');
  expect(after).toMatchObject({ status: 422, body: { code: 'unknown-village' } });
  expect(after.body.errors[0].detail).toMatch(/thon-9/);
  expect((await visitIn('thon-8', '2025-12-31T09:00:00+07:00')).status).toBe(201);
  expect((await visitIn('thon-9', '2026-01-02T09:00:00+07:00')).status).toBe(201);
});

it('takes a reorganisation recorded ahead of its day: the new village, the merger into it, its estimate', async () => {
  const register = await post('indicators', '/v1/villages', OFFICE, {
    villageCode: 'thon-hop-nhat',
    name: 'Thôn Hợp Nhất',
    effectiveDate: '2027-01-01',
  });
  expect(register.status).toBe(201);
  // Judged on the day they take effect, not the day they are recorded.
  for (const villageCode of ['thon-6', 'thon-7'])
    expect(
      (
        await post('indicators', '/v1/villages/retirements', OFFICE, {
          villageCode,
          effectiveDate: '2027-01-01',
          successors: ['thon-hop-nhat'],
          reason: 'Nghị quyết sáp nhập thôn',
        })
      ).status,
    ).toBe(201);
  const estimate = await post('indicators', '/v1/denominators', OFFICE, {
    villageCode: 'thon-hop-nhat',
    ageBand: '14+',
    count: 420,
    source: 'Công an xã, dữ liệu dân cư',
    effectiveDate: '2027-01-01',
  });
  expect(estimate.status).toBe(201);
  // Today the new village does not exist yet, and says from when.
  const early = await visitIn('thon-hop-nhat');
  expect(early).toMatchObject({ status: 422, body: { code: 'unknown-village' } });
  expect(early.body.errors[0].detail).toMatch(/2027-01-01/);
});

it('moves a resident out of a village that was split, on the split’s day, after it took effect', async () => {
  for (const [villageCode, name] of [
    ['thon-5a', 'Thôn 5A'],
    ['thon-5b', 'Thôn 5B'],
  ])
    expect(
      (await post('indicators', '/v1/villages', OFFICE, { villageCode, name, effectiveDate: '2026-03-01' }))
        .status,
    ).toBe(201);
  const resident = await post('outreach', '/v1/residents', TEAM, {
    occurredAt: '2026-01-10T09:00:00+07:00',
    citizenId: '068085123457',
    villageCode: 'thon-5',
    consent: false,
  });
  expect(resident.status).toBe(201);
  const split = await post('indicators', '/v1/villages/retirements', OFFICE, {
    occurredAt: '2026-02-20T09:00:00+07:00',
    villageCode: 'thon-5',
    effectiveDate: '2026-03-01',
    successors: ['thon-5a', 'thon-5b'],
    reason: 'Nghị quyết chia tách thôn',
  });
  expect(split.status).toBe(201);
  const moved = await post('outreach', '/v1/residents/moves', TEAM, {
    residentKey: resident.body.residentKey,
    toVillage: 'thon-5a',
    effectiveDate: '2026-03-01',
  });
  expect(moved.status).toBe(201);
  // Moving into the split village after it ceased is refused, naming where its people went.
  const back = await post('outreach', '/v1/residents/moves', TEAM, {
    residentKey: resident.body.residentKey,
    toVillage: 'thon-5',
    effectiveDate: '2026-04-01',
  });
  expect(back).toMatchObject({
    status: 422,
    body: { code: 'unknown-village', errors: [{ pointer: '#/toVillage' }] },
  });
  expect(back.body.errors[0].detail).toMatch(/thon-5a, thon-5b/);
});
