import fc from 'fast-check';
import { jetstreamManager } from '@nats-io/jetstream';
import type { TestOrganisation } from '@cnscd/testing';
import { SERVICE_NAMES, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
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

const COMMUNE = '99001';
const KINDS = [
  'culture-society-office',
  'peoples-committee',
  'economic-office',
  'village-team',
  'commune-police',
  'bank',
] as const;
const ORGANISATIONS: TestOrganisation[] = KINDS.map((kind) => ({
  id: kind,
  organisationId: kind,
  organisationKind: kind,
  role: 'administrator',
  commune: COMMUNE,
}));

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment(ORGANISATIONS);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

type Schema = Json;
const resolve = (doc: Json, s: Schema): Schema =>
  s?.$ref ? resolve(doc, doc.components.schemas[s.$ref.split('/').pop()]) : s;

/** Values a field of this schema might be sent: right-looking ones and every kind of wrong one. */
function valueFor(doc: Json, schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema) ?? {};
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

interface Route {
  readonly service: (typeof SERVICE_NAMES)[number];
  readonly path: string;
  readonly body: fc.Arbitrary<unknown>;
  key: string;
}

async function postRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const service of SERVICE_NAMES) {
    const doc: Json = await (await fetch(`${d.services[service].url}/openapi.json`)).json();
    for (const [path, ops] of Object.entries<Json>(doc.paths)) {
      if (!ops.post) continue;
      const schema = ops.post.requestBody?.content?.['application/json']?.schema;
      const body = schema
        ? fc.oneof({ weight: 9, arbitrary: valueFor(doc, schema) }, fc.jsonValue())
        : fc.jsonValue({ maxDepth: 2 });
      routes.push({ service, path, body, key: '' });
    }
  }
  return routes;
}

const urlOf = (route: Route) =>
  d.services[route.service].url +
  route.path.replace(/\{(\w+)\}/g, (_, name) =>
    name === 'kind' ? 'visits' : '00000000-0000-4000-8000-000000000000',
  );
const post = (route: Route, body: unknown, key = route.key) =>
  fetch(urlOf(route), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
const lastPosition = async () =>
  (await (await jetstreamManager(d.nc)).streams.info('CNSCD_EVENTS')).state.last_seq;

it('answers every fuzzed POST with a 2xx or a 4xx problem, never a 5xx; a refused one appends nothing; every service lives on', async () => {
  const routes = await postRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(50);
  // Each route with a key that gets past the door, so the fuzz reaches validation and the rules.
  for (const route of routes) {
    route.key = d.keys[KINDS[0]]!;
    for (const kind of KINDS) {
      const res = await post(route, {}, d.keys[kind]!);
      await res.arrayBuffer();
      if (res.status !== 403) {
        route.key = d.keys[kind]!;
        break;
      }
    }
  }
  const findings: string[] = [];
  let requests = 0;
  for (const route of routes) {
    await fc
      .assert(
        fc.asyncProperty(route.body, async (body) => {
          const before = await lastPosition();
          const res = await post(route, body);
          requests++;
          const text = await res.text();
          const refused = res.status >= 400;
          const problem = refused && res.headers.get('content-type')?.startsWith('application/problem+json');
          const appended = (await lastPosition()) !== before;
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
