import {
  WRITING_KINDS,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import { lastStreamPosition, postRoutes, postTo, resolveSchema, type Schema } from './openapi-routes';
import type { Json } from './service-under-test';

/**
 * Every date and number a write takes has a documented domain range, checked at the edge (docs/api.md,
 * "Ranges"). The routes and their fields come from each service's own OpenAPI document, so a new
 * endpoint is covered without anyone remembering to add it here.
 */
jest.setTimeout(120_000);

const ORGANISATIONS = WRITING_KINDS.map((kind) => anOrganisation(kind));

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment(ORGANISATIONS);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

interface Field {
  /** JSON pointer segments from the body's root. */
  readonly path: readonly (string | number)[];
  readonly schema: Schema;
}

/** The date, date-time and number fields of a request body schema, however deep. */
function rangedFields(doc: Json, schema: Schema, path: (string | number)[] = []): Field[] {
  const s = resolveSchema(doc, schema);
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

it('refuses an out-of-range date or number in every field of every write route, naming the field (400), and appends nothing', async () => {
  const routes = (await postRoutes(d))
    .filter((r) => r.body)
    .map((r) => ({ ...r, fields: rangedFields(r.doc, r.body) }));
  // The enumeration found the writes the outside checks named, and more.
  expect(routes.filter((r) => r.fields.length > 0).length).toBeGreaterThanOrEqual(30);
  const before = await lastStreamPosition(d);

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
        const res = await postTo(d, route, bodyWith(field.path, value), route.key);
        const answer: { status: number; problem: Json } = {
          status: res.status,
          problem: await res.json().catch(() => null),
        };
        const named = (answer.problem?.errors ?? []).some((e: Json) => e.pointer === pointer);
        if (answer.status !== 400 || !named)
          findings.push(
            `${route.service} POST ${route.path} ${pointer} = ${JSON.stringify(value)}: ${answer.status} ${JSON.stringify(answer.problem?.errors ?? answer.problem)}`,
          );
      }
    }
  }
  expect(findings).toEqual([]);
  const after = await lastStreamPosition(d);
  expect(after).toBe(before);
});
