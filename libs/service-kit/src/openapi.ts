import { z } from 'zod';

export interface RouteDoc {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, e.g. `/v1/visits/{visitId}`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly body?: z.ZodType;
  readonly query?: z.ZodObject;
  readonly headers?: readonly { name: string; description: string; required?: boolean }[];
  readonly responses: Readonly<Record<number, { description: string; schema?: z.ZodType }>>;
  readonly public?: boolean;
}

const ProblemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } },
    },
  },
};

/**
 * JSON Schema for one zod schema. Schemas named with `.meta({ id })` become shared components:
 * their `$defs` move to `components.schemas` and their `$ref`s are rewritten to point there.
 */
function jsonSchemaInto(components: Record<string, unknown>) {
  return (schema: z.ZodType, io: 'input' | 'output') => {
    const {
      $schema: _drop,
      $defs,
      ...rest
    } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) {
      components[id] ??= def;
    }
    return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', '"#/components/schemas/'));
  };
}

/** Builds the OpenAPI 3.1 document from the same zod schemas that validate requests. */
export function buildOpenApiDocument(
  info: { title: string; version: string; description: string },
  routes: readonly RouteDoc[],
) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = { Problem: ProblemSchema };
  const jsonSchema = jsonSchemaInto(schemas);
  for (const r of routes) {
    const parameters = [
      ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(r.query?.shape ?? {}).map(([name, s]) => ({
        name,
        in: 'query',
        required: !(s as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(s as z.ZodType, 'input'),
      })),
      ...(r.headers ?? []).map((h) => ({
        name: h.name,
        in: 'header',
        required: h.required ?? false,
        description: h.description,
        schema: { type: 'string' },
      })),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      const isProblem = Number(status) >= 400;
      responses[status] = {
        description: res.description,
        ...(res.schema || isProblem
          ? {
              content: {
                [isProblem ? 'application/problem+json' : 'application/json']: {
                  schema: res.schema
                    ? jsonSchema(res.schema, 'output')
                    : { $ref: '#/components/schemas/Problem' },
                },
              },
            }
          : {}),
      };
    }
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(r.tags ? { tags: r.tags } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      responses,
      ...(r.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'Khóa API của tổ chức / Organisation API key',
        },
      },
      schemas,
    },
    paths,
  };
}
