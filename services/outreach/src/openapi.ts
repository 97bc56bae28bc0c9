import { z } from 'zod';
import {
  AUTH_RESPONSES,
  buildOpenApiDocument,
  commandDoc,
  queryDoc,
  type RouteDoc,
} from '@cnscd/service-kit';
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

const command = commandDoc;
const query = queryDoc;
const auth = AUTH_RESPONSES;

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
        'Xác thực / Authenticate: `Authorization: Bearer <access token or API key>` (from the identity service). NATS: `cnscd.outreach.cmd.<kind>` with the same bodies.',
    },
    routes,
  );
