import { jetstreamManager } from '@nats-io/jetstream';
import {
  SERVICE_NAMES,
  WRITING_KINDS,
  type DeploymentUnderTest,
  type ServiceName,
} from './deployment-under-test';
import type { Json } from './service-under-test';

/** A JSON Schema node of a service's OpenAPI document. */
export type Schema = Json;

/** A schema with its `$ref` followed into the document's components. */
export const resolveSchema = (doc: Json, s: Schema): Schema =>
  s?.$ref ? resolveSchema(doc, doc.components.schemas[s.$ref.split('/').pop()]) : s;

/** One POST route of one service, as its own OpenAPI document describes it. */
export interface PostRoute {
  readonly service: ServiceName;
  readonly path: string;
  readonly doc: Json;
  /** The JSON body's schema; undefined for a route that takes none (or CSV). */
  readonly body: Schema | undefined;
  /** A key of the deployment that the route lets past the door (not 403), to reach validation. */
  readonly key: string;
}

/**
 * Every POST route every service documents, each with a key that gets past the door: tests that
 * enumerate them cover a new endpoint without anyone remembering to add it.
 */
export async function postRoutes(d: DeploymentUnderTest): Promise<PostRoute[]> {
  const routes: PostRoute[] = [];
  for (const service of SERVICE_NAMES) {
    const doc: Json = await (await fetch(`${d.services[service].url}/openapi.json`)).json();
    for (const [path, ops] of Object.entries<Json>(doc.paths)) {
      if (!ops.post) continue;
      const route = { service, path, doc, body: ops.post.requestBody?.content?.['application/json']?.schema };
      routes.push({ ...route, key: await keyPastTheDoor(d, route) });
    }
  }
  return routes;
}

async function keyPastTheDoor(d: DeploymentUnderTest, route: Omit<PostRoute, 'key'>): Promise<string> {
  for (const kind of WRITING_KINDS) {
    const res = await postTo(d, route, {}, d.keys[kind]!);
    await res.arrayBuffer();
    if (res.status !== 403) return d.keys[kind]!;
  }
  return d.keys[WRITING_KINDS[0]]!;
}

/** POSTs a JSON body to the route (path parameters filled with a UUID, or `visits` for an import kind). */
export const postTo = (
  d: DeploymentUnderTest,
  route: Pick<PostRoute, 'service' | 'path'>,
  body: unknown,
  key: string,
) =>
  fetch(
    d.services[route.service].url +
      route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'kind' ? 'visits' : '00000000-0000-4000-8000-000000000000',
      ),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    },
  );

/** The event stream's last position: a refused request must leave it where it was. */
export const lastStreamPosition = async (d: DeploymentUnderTest) =>
  (await (await jetstreamManager(d.nc)).streams.info('CNSCD_EVENTS')).state.last_seq;

/** A field of a request body schema: where it is (JSON pointer segments) and its schema. */
export interface SchemaField {
  readonly path: readonly (string | number)[];
  readonly schema: Schema;
}

/** The fields of a request body schema, however deep, that `wanted` picks (branches, objects, arrays). */
export function fieldsWhere(
  doc: Json,
  schema: Schema,
  wanted: (s: Schema) => boolean,
  path: (string | number)[] = [],
): SchemaField[] {
  const s = resolveSchema(doc, schema);
  if (!s) return [];
  if (wanted(s)) return [{ path, schema: s }];
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  if (branches.length > 0) return branches.flatMap((b: Schema) => fieldsWhere(doc, b, wanted, path));
  if (s.type === 'object')
    return Object.entries(s.properties ?? {}).flatMap(([k, v]) => fieldsWhere(doc, v, wanted, [...path, k]));
  if (s.type === 'array') return fieldsWhere(doc, s.items, wanted, [...path, 0]);
  return [];
}

/** A body holding only the one value, at its place. */
export function bodyWith(path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
}
