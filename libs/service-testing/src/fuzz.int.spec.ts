import fc from 'fast-check';
import {
  SERVICE_NAMES,
  WRITING_KINDS,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import { lastStreamPosition, postRoutes, postTo, resolveSchema, type Schema } from './openapi-routes';
import type { Json } from './service-under-test';

/**
 * Every POST route of every service, from their OpenAPI documents, fuzzed with fast-check: bodies shaped
 * like the route's schema with any JSON in any field, out-of-range numbers and dates, wrong types,
 * missing and extra fields, and bodies that are no object at all. Whatever comes in, the answer is a
 * 2xx or a 4xx problem — never a 5xx —, a refused request appends nothing, and no process exits.
 * `FUZZ_RUNS` (per route, default 40) makes a longer run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
jest.setTimeout(Math.max(240_000, RUNS * 6_000));

const ORGANISATIONS = WRITING_KINDS.map((kind) => anOrganisation(kind));

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment(ORGANISATIONS);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

/** Values a field of this schema might be sent: right-looking ones and every kind of wrong one. */
function valueFor(doc: Json, schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolveSchema(doc, schema) ?? {};
  const wrong = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      null,
      '',
      ' ',
      -1,
      0,
      1e308,
      -1e308,
      '0000-01-01',
      '9999-12-31T23:59:59Z',
      '079203001234',
    ),
    fc.string({ maxLength: 300 }),
  );
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  if (branches.length > 0) return fc.oneof(...branches.map((b: Schema) => valueFor(doc, b, depth)), wrong);
  if (s.enum) return fc.oneof(fc.constantFrom(...s.enum), wrong);
  if (s.type === 'object' && depth < 3)
    return fc.oneof({ weight: 4, arbitrary: objectFor(doc, s, depth + 1) }, wrong);
  if (s.type === 'array' && depth < 3)
    return fc.oneof(fc.array(valueFor(doc, s.items, depth + 1), { maxLength: 4 }), wrong);
  if (s.type === 'integer' || s.type === 'number') {
    const low = s.minimum ?? -1000;
    const high = s.maximum ?? 1000;
    return fc.oneof(fc.integer({ min: Math.ceil(low) - 2, max: Math.floor(high) + 2 }), fc.double(), wrong);
  }
  if (s.type === 'boolean') return fc.oneof(fc.boolean(), wrong);
  if (s.format === 'uuid') return fc.oneof(fc.uuid({ version: 4 }), wrong);
  if (s.format === 'date')
    return fc.oneof(
      fc.date({ noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10)),
      wrong,
    );
  if (s.format === 'date-time')
    return fc.oneof(
      fc.date({ noInvalidDate: true }).map((x) => x.toISOString()),
      wrong,
    );
  return fc.oneof(fc.string({ maxLength: 60 }), wrong);
}

/** An object with each property present or not, and now and then a field nobody asked for. */
function objectFor(doc: Json, s: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries<Schema>(s.properties ?? {});
  return fc
    .record(Object.fromEntries(properties.map(([k, v]) => [k, valueFor(doc, v, depth)])), {
      requiredKeys: [],
    })
    .chain((body) =>
      fc
        .option(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })), {
          freq: 5,
        })
        .map((extra) => (extra ? { ...body, [extra[0]]: extra[1] } : body)),
    );
}

it('answers every fuzzed POST with a 2xx or a 4xx problem, never a 5xx; a refused one appends nothing; every service lives on', async () => {
  const routes = (await postRoutes(d)).map((r) => ({
    ...r,
    arbitrary: r.body
      ? fc.oneof({ weight: 9, arbitrary: valueFor(r.doc, r.body) }, fc.jsonValue())
      : fc.jsonValue({ maxDepth: 2 }),
  }));
  expect(routes.length).toBeGreaterThanOrEqual(50);
  const findings: string[] = [];
  let requests = 0;
  for (const route of routes) {
    await fc
      .assert(
        fc.asyncProperty(route.arbitrary, async (body) => {
          const before = await lastStreamPosition(d);
          const res = await postTo(d, route, body, route.key);
          requests++;
          const text = await res.text();
          const refused = res.status >= 400;
          const problem = refused && res.headers.get('content-type')?.startsWith('application/problem+json');
          const appended = (await lastStreamPosition(d)) !== before;
          if (res.status >= 500 || (refused && !problem) || (refused && appended)) {
            findings.push(
              `${route.service} POST ${route.path} ${res.status}${appended ? ' (appended)' : ''}: ${JSON.stringify(body).slice(0, 300)} → ${text.slice(0, 300)}`,
            );
            return false;
          }
          return true;
        }),
        { numRuns: RUNS, endOnFailure: true },
      )
      .catch(() => undefined);
  }
  expect(findings).toEqual([]);
  expect(requests).toBeGreaterThanOrEqual(routes.length * RUNS * 0.9);
  for (const service of SERVICE_NAMES) {
    expect(d.services[service].exited()).toBe(false);
    expect((await fetch(`${d.services[service].url}/health/live`)).status).toBe(200);
  }
});
