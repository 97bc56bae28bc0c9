import { jetstreamManager } from '@nats-io/jetstream';
import type { TestOrganisation } from '@cnscd/testing';
import { SERVICE_NAMES, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
import type { Json } from './service-under-test';

/**
 * Every date and number a write takes has a documented domain range, checked at the edge (docs/api.md,
 * "Ranges"). The routes and their fields come from each service's own OpenAPI document, so a new
 * endpoint is covered without anyone remembering to add it here.
 */
jest.setTimeout(120_000);

const COMMUNE = '99001';
/** Between them, every scope a write route may need. */
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
interface Field {
  /** JSON pointer segments from the body's root. */
  readonly path: readonly (string | number)[];
  readonly schema: Schema;
}

const resolve = (doc: Json, s: Schema): Schema =>
  s?.$ref ? resolve(doc, doc.components.schemas[s.$ref.split('/').pop()]) : s;

/** The date, date-time and number fields of a request body schema, however deep. */
function rangedFields(doc: Json, schema: Schema, path: (string | number)[] = []): Field[] {
  const s = resolve(doc, schema);
  if (!s) return [];
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  if (branches.length > 0) return branches.flatMap((b: Schema) => rangedFields(doc, b, path));
  if (s.type === 'object')
    return Object.entries(s.properties ?? {}).flatMap(([k, v]) => rangedFields(doc, v, [...path, k]));
  if (s.type === 'array') return rangedFields(doc, s.items, [...path, 0]);
  if (s.type === 'integer' || s.type === 'number') return [{ path, schema: s }];
  if (s.type === 'string' && (s.format === 'date' || s.format === 'date-time')) return [{ path, schema: s }];
  return [];
}

/** Values just outside the field's range; a number without both bounds is itself a finding. */
function outOfRange(field: Field): unknown[] {
  const s = field.schema;
  if (s.format === 'date') return ['0000-01-01', '9999-12-31'];
  if (s.format === 'date-time') return ['0000-01-01T00:00:00Z', '9999-12-31T00:00:00Z'];
  const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum : undefined);
  const high = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum : undefined);
  if (low === undefined || high === undefined) return ['(no documented range)'];
  return [low - 1, high + 1];
}

/** A body holding only the one field, at its place. */
function bodyWith(path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
}

interface WriteRoute {
  readonly service: (typeof SERVICE_NAMES)[number];
  readonly path: string;
  readonly fields: Field[];
}

async function writeRoutes(): Promise<WriteRoute[]> {
  const routes: WriteRoute[] = [];
  for (const service of SERVICE_NAMES) {
    const doc: Json = await (await fetch(`${d.services[service].url}/openapi.json`)).json();
    for (const [path, ops] of Object.entries<Json>(doc.paths)) {
      const body = ops.post?.requestBody?.content?.['application/json']?.schema;
      if (!body) continue;
      routes.push({ service, path, fields: rangedFields(doc, body) });
    }
  }
  return routes;
}

const lastPosition = async () =>
  (await (await jetstreamManager(d.nc)).streams.info('CNSCD_EVENTS')).state.last_seq;

const send = (route: WriteRoute, key: string, body: unknown) =>
  fetch(
    `${d.services[route.service].url}${route.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000')}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    },
  );

it('refuses an out-of-range date or number in every field of every write route, naming the field (400), and appends nothing', async () => {
  const routes = await writeRoutes();
  // The enumeration found the writes the outside checks named, and more.
  expect(routes.filter((r) => r.fields.length > 0).length).toBeGreaterThanOrEqual(30);
  const before = await lastPosition();

  const findings: string[] = [];
  for (const route of routes) {
    for (const field of route.fields) {
      const pointer = `#/${field.path.join('/')}`;
      for (const value of outOfRange(field)) {
        if (value === '(no documented range)') {
          findings.push(
            `${route.service} POST ${route.path} ${pointer}: a number without a documented range`,
          );
          continue;
        }
        let answer: { status: number; problem: Json } | undefined;
        for (const kind of KINDS) {
          const res = await send(route, d.keys[kind]!, bodyWith(field.path, value));
          answer = { status: res.status, problem: await res.json().catch(() => null) };
          if (res.status !== 403) break;
        }
        const named = (answer!.problem?.errors ?? []).some((e: Json) => e.pointer === pointer);
        if (answer!.status !== 400 || !named)
          findings.push(
            `${route.service} POST ${route.path} ${pointer} = ${JSON.stringify(value)}: ${answer!.status} ${JSON.stringify(answer!.problem?.errors ?? answer!.problem)}`,
          );
      }
    }
  }
  expect(findings).toEqual([]);
  const after = await lastPosition();
  expect(after).toBe(before);
});
