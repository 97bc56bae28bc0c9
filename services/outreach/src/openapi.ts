import { z } from 'zod';
import { buildOpenApiDocument, type RouteDoc } from '@cnscd/service-kit';
import { HouseholdView } from './households/household-view.query';
import { RegisterHouseholdRequest } from './households/register-household.operation';
import { ImportParams } from './imports/imports.http.controller';
import { batchRequest } from '@cnscd/service-kit';
import { OUTREACH_OPERATIONS } from './operations/outreach-operations';
import { ChangeConsentRequest } from './residents/change-consent/change-consent.operation';
import { ConfirmAdoptionRequest } from './residents/confirm-adoption/confirm-adoption.operation';
import { EraseResidentRequest } from './residents/erase-resident/erase-resident.operation';
import { MoveResidentRequest } from './residents/move-resident/move-resident.operation';
import { RegisterResidentRequest } from './residents/register-resident/register-resident.operation';
import { ListResidentsParams, ResidentPage } from './residents/resident-queries/resident-queries';
import { ResidentView } from './residents/resident-queries/resident-view';
import { LookupRequest } from './residents/resident-queries/residents.http.controller';
import { RetractAdoptionRequest } from './residents/retract-adoption/retract-adoption.operation';
import { LogVisitRequest, LogVisitResponse } from './visits/log-visit/log-visit.request';
import { ListVisitsParams, VisitPage } from './visits/visit-queries/visit-queries';
import { VisitView } from './visits/visit-queries/visit-view';
import { Worklist, WorklistParams } from './worklist/worklist.query';

const auth = {
  401: { description: 'Thiếu hoặc sai khóa API / Missing or unknown API key' },
  403: { description: 'Tổ chức không có quyền này / The organisation lacks this permission' },
};
const CommandResult = z
  .object({
    commandId: z.string(),
    position: z.number().int(),
    status: z.enum(['appended', 'duplicate', 'unchanged']),
    residentKey: z.string().optional(),
    householdId: z.string().optional(),
  })
  .meta({ id: 'CommandResult' });
const commandResponses = (schema: z.ZodType = CommandResult) => ({
  201: { description: 'Đã ghi nhận / Recorded', schema },
  200: {
    description:
      'Đã ghi nhận trước đó hoặc không cần thay đổi / Recorded before (a resend) or nothing to change',
    schema,
  },
  400: {
    description: 'Dữ liệu không hợp lệ; nêu từng trường sai / Invalid input, naming each field at fault',
  },
  ...auth,
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
const command = (
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
  ],
  responses: commandResponses(schema),
});
const query = (
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
    ...auth,
    404: { description: 'Không tìm thấy / Not found' },
  },
});

const VISITS = 'Thăm hộ / Visits';
const RESIDENTS = 'Cư dân / Residents';
const ADOPTION = 'Kết quả sử dụng / Adoption';
const SYNC = 'Đồng bộ và nhập tệp / Sync and import';
const OPS = 'Vận hành / Operations';

const routes: RouteDoc[] = [
  command(
    '/v1/visits',
    VISITS,
    'Ghi nhận một lượt thăm hộ / Log a door-to-door visit',
    LogVisitRequest,
    'Ai, khi nào, ở đâu, chủ đề nào, hướng dẫn ai, hẹn gì. Who, when, where, which topics, who was guided, what follow-up was promised.',
    LogVisitResponse,
  ),
  query('/v1/visits/{visitId}', VISITS, 'Xem một lượt thăm hộ / Read one visit', VisitView),
  query(
    '/v1/visits',
    VISITS,
    'Nhật ký thăm hộ theo thôn, tổ chức, chủ đề, ngày / The visit log by village, organisation, topic and date',
    VisitPage,
    ListVisitsParams,
  ),
  command(
    '/v1/households',
    RESIDENTS,
    'Đăng ký hộ gia đình / Register a household',
    RegisterHouseholdRequest,
    'Mã hộ do điện thoại tạo để lượt thăm có thể nhắc tới hộ trước khi đồng bộ. The device makes the household id, so visits can name it before it syncs.',
  ),
  query(
    '/v1/households/{householdId}',
    RESIDENTS,
    'Xem một hộ: thành viên và các lượt thăm / A household: members and visits',
    HouseholdView,
  ),
  command(
    '/v1/residents',
    RESIDENTS,
    'Đăng ký cư dân / Register a resident',
    RegisterResidentRequest,
    'Số CCCD chỉ dùng một lần để tạo khóa cư dân rồi bị bỏ: không lưu, không ghi log, không trả lại. Không có CCCD (trẻ em, người từ chối): cần hộ và năm sinh. ' +
      'The citizen ID is used once to derive the resident key and then dropped. Without one, give the household and the birth year. Name, phone, household and sex are kept only with consent, sealed with the resident’s own key.',
  ),
  command(
    '/v1/residents/consents',
    RESIDENTS,
    'Đồng ý hoặc rút lại đồng ý / Give or withdraw consent',
    ChangeConsentRequest,
    'Rút lại đồng ý hủy khóa dữ liệu của cư dân: thông tin cá nhân trong mọi sự kiện không còn đọc được. Withdrawal destroys the resident’s data key.',
  ),
  command(
    '/v1/residents/moves',
    RESIDENTS,
    'Chuyển thôn / Move to another village',
    MoveResidentRequest,
    'Cư dân được tính ở thôn mới từ ngày hiệu lực. The resident counts in the new village from the effective date on.',
  ),
  command(
    '/v1/residents/erasures',
    RESIDENTS,
    'Xóa dữ liệu cư dân theo yêu cầu / Erase a resident',
    EraseResidentRequest,
    'Khóa dữ liệu bị hủy; số liệu chỉ tiêu giữ nguyên. The data key is destroyed; indicator counts stay correct.',
  ),
  {
    method: 'post',
    path: '/v1/residents/lookup',
    tags: [RESIDENTS],
    summary: 'Tìm khóa cư dân từ số CCCD / Find a resident key from a citizen ID',
    description:
      'POST để số CCCD không nằm trong URL hay log truy cập. POST, so the number never sits in a URL or an access log.',
    body: LookupRequest,
    responses: {
      200: {
        description: 'OK',
        schema: z.object({ residentKey: z.string(), registered: z.boolean(), status: z.string().nullable() }),
      },
      400: { description: 'Số CCCD không hợp lệ / Invalid citizen ID' },
      ...auth,
    },
  },
  query(
    '/v1/residents',
    RESIDENTS,
    'Cư dân của một thôn và giai đoạn theo từng chỉ tiêu / Residents of a village with their stage per indicator',
    ResidentPage,
    ListResidentsParams,
  ),
  query('/v1/residents/{residentKey}', RESIDENTS, 'Xem một cư dân / Read one resident', ResidentView),
  query(
    '/v1/worklist',
    RESIDENTS,
    'Danh sách việc cần làm: ai chưa đạt giai đoạn, hộ nào đã hẹn / Worklist: who has not reached the stage, which households were promised a follow-up',
    Worklist,
    WorklistParams,
  ),
  command(
    '/v1/adoptions/confirmations',
    ADOPTION,
    'Xác nhận một giai đoạn sử dụng / Confirm an adoption stage',
    ConfirmAdoptionRequest,
    'Theo chính sách xác nhận: ví dụ kích hoạt VNeID chỉ do Công an xã, tài khoản thanh toán do ngân hàng. Xác nhận lại giai đoạn đã đạt: chấp nhận, không thay đổi. ' +
      'Per the confirmation policy: VNeID activation only by the commune police, payment accounts by banks. Confirming a stage already reached is accepted and changes nothing.',
  ),
  command(
    '/v1/adoptions/retractions',
    ADOPTION,
    'Rút lại một xác nhận / Retract a confirmation',
    RetractAdoptionRequest,
    'Không sửa gì: một sự kiện mới, có lý do. Nothing is edited: a new event with a reason.',
  ),
  {
    method: 'post',
    path: '/v1/batch',
    tags: [SYNC],
    summary: 'Gửi cả lô ghi nhận ngoại tuyến / Send an offline batch',
    description:
      'Mỗi mục là một lệnh, áp dụng trọn vẹn hoặc không, trả lời riêng. Gửi lại cả lô không ghi hai lần. Each item is one command, applied whole or not, answered on its own; resending the batch changes nothing.',
    body: batchRequest(Object.keys(OUTREACH_OPERATIONS)),
    responses: {
      200: { description: 'Kết quả từng mục / One result per item' },
      400: { description: 'Lô không hợp lệ / Malformed batch' },
      ...auth,
    },
  },
  {
    method: 'post',
    path: '/v1/imports/{kind}',
    tags: [SYNC],
    summary: 'Nhập tệp CSV lượt thăm hoặc xác nhận / Import visits or confirmations from CSV',
    description:
      '`kind`: `visits` hoặc `confirmations`. Gửi tệp với `Content-Type: text/csv` (UTF-8, tiêu đề tiếng Việt). `dryRun=true` chỉ kiểm tra và báo từng dòng lỗi (dòng, cột, lý do). ' +
      'Send the file as `text/csv`. A dry run reports every bad row; a real run applies the valid rows, and importing the same file again changes nothing. Columns: docs/partners.md.',
    query: ImportParams,
    responses: {
      200: { description: 'Báo cáo nhập / Import report' },
      400: { description: 'Tệp hoặc tham số sai / Bad file or parameters' },
      ...auth,
    },
  },
  {
    method: 'get',
    path: '/health/live',
    tags: [OPS],
    summary: 'Tiến trình còn chạy / The process is alive',
    public: true,
    responses: { 200: { description: 'Up' } },
  },
  {
    method: 'get',
    path: '/health/ready',
    tags: [OPS],
    summary: 'NATS và cơ sở dữ liệu trả lời / NATS and the database answer',
    public: true,
    responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready: see `checks`' } },
  },
];

export const outreachOpenApi = () =>
  buildOpenApiDocument(
    {
      title: 'cnscd — Outreach service (Thăm hộ, cư dân, kết quả sử dụng)',
      version: '0.2.0',
      description:
        'Ghi nhận hoạt động "đi từng ngõ, gõ từng nhà" của Tổ Công nghệ số cộng đồng: hộ, cư dân (khóa giả danh), lượt thăm, kết quả sử dụng dịch vụ số. ' +
        'Door-to-door outreach of the Community Digital Technology Teams: households, pseudonymous residents, visits, adoption outcomes. ' +
        'Xác thực / Authenticate: `Authorization: Bearer <organisation API key>`. NATS: `cnscd.outreach.cmd.<kind>` with the same bodies.',
    },
    routes,
  );
