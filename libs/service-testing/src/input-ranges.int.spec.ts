import {
  WRITING_KINDS,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import {
  bodyWith,
  fieldsWhere,
  lastStreamPosition,
  postRoutes,
  postTo,
  type Schema,
  type SchemaField as Field,
} from './openapi-routes';
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

/** The date, date-time and number fields of a request body schema, however deep. */
const rangedFields = (doc: Json, schema: Schema): Field[] =>
  fieldsWhere(
    doc,
    schema,
    (s) =>
      s.type === 'integer' ||
      s.type === 'number' ||
      (s.type === 'string' && (s.format === 'date' || s.format === 'date-time')),
  );

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
