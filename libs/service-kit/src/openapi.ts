// Long: the OpenAPI building blocks every service shares (document, problem schema, standard
// responses, query parameters); each is short and they are used together.
import { z } from 'zod';
import { EventsExportParams } from './export/events.http.controller';
import { DismissRequest, ReplayRequest } from './health/ops.controller';
import {
  BatchAnswer,
  ConsumerHealthSchema,
  DismissAnswer,
  ExportedEventSchema,
  Liveness,
  ParkedEventSchema,
  Readiness,
  ReplayAnswer,
} from '@cnscd/contracts';

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
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  readonly public?: boolean;
}

/**
 * One answer: JSON described by `schema`, or — with `mediaType` — a file or text of that type (its body
 * described by `schema` when it is text, else as binary).
 */
export interface ResponseDoc {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly mediaType?: string;
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
    // A shared schema that names another (a page of visits names Visit) refers to it the same way.
    const toComponents = (schema: unknown) =>
      JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'));
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) {
      components[id] ??= toComponents(def);
    }
    return toComponents(rest);
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
    const parameters = parametersOf(r, jsonSchema);
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
      responses: responsesOf(r, jsonSchema),
      ...(r.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    // Relative: the document is served by the service it describes (or by the web app's proxy under
    // /api/<service>), so its paths resolve against wherever it was fetched from.
    servers: [
      { url: '/', description: 'Máy chủ phục vụ tài liệu này / The server that serves this document' },
    ],
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

type JsonSchemaOf = ReturnType<typeof jsonSchemaInto>;

/** A route's path, query and header parameters. */
function parametersOf(r: RouteDoc, jsonSchema: JsonSchemaOf) {
  return [
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
}

/** A route's answers: its own schemas, and problem details for every error status. */
function responsesOf(r: RouteDoc, jsonSchema: JsonSchemaOf) {
  const responses: Record<string, unknown> = {};
  for (const [status, res] of Object.entries(r.responses)) {
    const isProblem = Number(status) >= 400;
    if (res.mediaType) {
      const schema = res.schema ? jsonSchema(res.schema, 'output') : { type: 'string', format: 'binary' };
      responses[status] = { description: res.description, content: { [res.mediaType]: { schema } } };
      continue;
    }
    const schema = res.schema ? jsonSchema(res.schema, 'output') : { $ref: '#/components/schemas/Problem' };
    responses[status] = {
      description: res.description,
      ...(res.schema || isProblem
        ? { content: { [isProblem ? 'application/problem+json' : 'application/json']: { schema } } }
        : {}),
    };
  }
  return responses;
}

// ── Building blocks shared by every service's document ─────────────────────────────────────
export const AUTH_RESPONSES = {
  401: {
    description:
      'Thiếu, sai, hết hạn hoặc bị thu hồi mã truy cập / khóa API / Missing, unknown, expired or revoked token or API key',
  },
  403: { description: 'Tổ chức không có quyền này / The organisation lacks this permission' },
};
/** What every command answers; each service adds the ids it creates. */
export const CommandResult = z
  .object({
    commandId: z.string(),
    position: z.number().int(),
    status: z.enum(['appended', 'duplicate', 'unchanged']),
  })
  .catchall(z.string())
  .meta({ id: 'CommandResult' });
const commandResponses = (schema: z.ZodType = CommandResult) => ({
  201: { description: 'Đã ghi nhận / Recorded', schema },
  202: {
    description:
      'Đã ghi nhận, có thể chưa hiện khi đọc (`Prefer: respond-async`) / Recorded, maybe not yet readable (`Prefer: respond-async`)',
    schema,
  },
  200: {
    description:
      'Đã ghi nhận trước đó hoặc không cần thay đổi / Recorded before (a resend) or nothing to change',
    schema,
  },
  400: {
    description: 'Dữ liệu không hợp lệ; nêu từng trường sai / Invalid input, naming each field at fault',
  },
  ...AUTH_RESPONSES,
  409: {
    description:
      'Mã lệnh đã dùng cho nội dung khác; kèm những gì đã ghi / Command id used for other content; carries what was recorded',
  },
  422: {
    description:
      'Bị từ chối theo quy tắc nghiệp vụ (mã trong `code`) / Refused by a business rule (see `code`)',
  },
});
const idempotency =
  'Gửi lại cùng `commandId` trả về kết quả ban đầu, không ghi hai lần. ' +
  'Resending the same `commandId` returns the original result (200, `Idempotent-Replayed: true`).';
/** RFC 7240's `respond-async`: answered once appended, without waiting for the read models. */
export const PREFER_HEADER = {
  name: 'Prefer',
  description:
    '`respond-async`: trả lời ngay khi lệnh đã được ghi bền vững, không chờ dữ liệu đọc cập nhật (202) / ' +
    'answer as soon as the command is durably recorded, without waiting for the read models (202)',
};
/** A POST route that runs one operation (idempotent by command id). */
export const commandDoc = (
  path: string,
  tag: string,
  summary: string,
  body: z.ZodType,
  description: string,
  schema?: z.ZodType,
): RouteDoc => ({
  method: 'post',
  path,
  tags: [tag],
  summary,
  description: `${description}\n\n${idempotency}`,
  body,
  headers: [
    {
      name: 'X-Correlation-Id',
      description: 'Liên kết các lệnh liên quan (ví dụ một lần đồng bộ) / Ties related commands together',
    },
    { name: 'traceparent', description: 'W3C trace context' },
    PREFER_HEADER,
  ],
  responses: commandResponses(schema),
});
/** A GET route of a read model. */
export const queryDoc = (
  path: string,
  tag: string,
  summary: string,
  schema: z.ZodType,
  params?: z.ZodObject,
): RouteDoc => ({
  method: 'get',
  path,
  tags: [tag],
  summary,
  ...(params ? { query: params } : {}),
  responses: {
    200: { description: 'OK', schema },
    400: { description: 'Tham số sai / Bad parameters' },
    ...AUTH_RESPONSES,
    404: { description: 'Không tìm thấy / Not found' },
  },
});

/** POST /v1/batch, for the service's operation kinds. */
export const batchDoc = (tag: string, body: z.ZodType): RouteDoc => ({
  method: 'post',
  path: '/v1/batch',
  tags: [tag],
  summary: 'Gửi cả lô ghi nhận ngoại tuyến / Send an offline batch',
  description:
    'Mỗi mục là một lệnh, áp dụng trọn vẹn hoặc không, trả lời riêng. Gửi lại cả lô không ghi hai lần. ' +
    'Each item is one command, applied whole or not, answered on its own; resending the batch changes nothing.',
  body,
  headers: [PREFER_HEADER],
  responses: {
    207: {
      description:
        'Đã chạy từng mục; mỗi mục có `status` riêng, `summary` đếm chúng / Every item was run; each has its own `status`, `summary` counts them',
      schema: BatchAnswer,
    },
    400: { description: 'Lô không hợp lệ, không mục nào được chạy / Malformed batch: no item was run' },
    ...AUTH_RESPONSES,
    503: {
      description:
        '`busy`: đã có quá nhiều lô đang chờ, không mục nào được chạy — gửi lại cả lô sau `Retry-After` / As many bulk requests wait as allowed, no item was run — send the batch again after `Retry-After`',
    },
  },
});

export const HEALTH_DOCS: RouteDoc[] = [
  {
    method: 'get',
    path: '/health/live',
    tags: ['Vận hành / Operations'],
    summary: 'Tiến trình còn chạy / The process is alive',
    public: true,
    responses: { 200: { description: 'Up', schema: Liveness } },
  },
  {
    method: 'get',
    path: '/health/ready',
    tags: ['Vận hành / Operations'],
    summary: 'Sẵn sàng phục vụ, nói thật / Ready to serve, truthfully',
    description:
      '`up` (200): NATS và cơ sở dữ liệu trả lời, mọi phép chiếu theo kịp, không gì bị gác lại. `degraded` (503): một phép chiếu có sự kiện bị gác lại, lỗi kéo dài, đang đọc lại hoặc chậm quá ngưỡng — nêu phép chiếu nào và vì sao. `down` (503): NATS hoặc cơ sở dữ liệu không trả lời. ' +
      '`up` (200): NATS and the database answer, every projection is live, nothing parked. `degraded` (503): a projection has parked events, keeps failing, is catching up or is behind beyond the threshold — naming which and why. `down` (503): NATS or the database do not answer.',
    public: true,
    responses: {
      200: { description: 'up', schema: Readiness },
      503: { description: '`degraded` or `down`: see `checks` and `projections`', schema: Readiness },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    tags: ['Vận hành / Operations'],
    summary: 'Chỉ số Prometheus / Prometheus metrics',
    responses: {
      200: {
        description: 'Prometheus text exposition format 0.0.4',
        mediaType: 'text/plain',
        schema: z.string(),
      },
      ...AUTH_RESPONSES,
    },
  },
  queryDoc(
    '/v1/freshness',
    'Vận hành / Operations',
    'Mỗi phép chiếu chậm bao nhiêu, tình trạng, số sự kiện gác lại / Each projection: lag, state, parked events',
    z.array(ConsumerHealthSchema),
  ),
  queryDoc(
    '/v1/admin/parked',
    'Vận hành / Operations',
    'Sự kiện bị gác lại (không áp dụng được), kèm vị trí và lý do / Parked events (could not be applied), with position and reason',
    z.array(ParkedEventSchema),
  ),
  {
    method: 'post',
    path: '/v1/admin/parked/replay',
    tags: ['Vận hành / Operations'],
    summary: 'Áp dụng lại các sự kiện bị gác lại sau khi sửa / Apply parked events again after a fix',
    body: ReplayRequest,
    responses: {
      200: {
        description: 'Đã phát lại bao nhiêu, còn bao nhiêu / How many replayed, how many left',
        schema: ReplayAnswer,
      },
      400: { description: 'Dữ liệu không hợp lệ / Invalid input' },
      ...AUTH_RESPONSES,
      404: { description: 'Không có phép chiếu này / No such projection' },
    },
  },
  {
    method: 'post',
    path: '/v1/admin/parked/dismiss',
    tags: ['Vận hành / Operations'],
    summary: 'Bỏ qua hẳn một sự kiện bị gác lại / Dismiss a parked event for good',
    body: DismissRequest,
    responses: {
      200: { description: 'Đã bỏ qua / Dismissed', schema: DismissAnswer },
      400: { description: 'Dữ liệu không hợp lệ / Invalid input' },
      ...AUTH_RESPONSES,
      404: { description: 'Không có sự kiện bị gác lại này / No such parked event' },
    },
  },
];

/** `GET /v1/events` of the services whose events analysts may export (EventsExportController). */
export const EVENTS_EXPORT_DOC: RouteDoc = queryDoc(
  '/v1/events',
  'Phân tích / Analysis',
  'Sự kiện của xã (ẩn danh, không kèm thông tin cá nhân đã niêm phong), theo thứ tự luồng, từng trang / The commune’s events (pseudonymous, sealed personal details left out), in stream order, a page at a time',
  z.object({ items: z.array(ExportedEventSchema), next: z.number().int().nullable() }),
  EventsExportParams,
);
