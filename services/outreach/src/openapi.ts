import { z } from 'zod';
import { ImportReport } from '@cnscd/contracts';
import {
  AUTH_RESPONSES,
  EVENTS_EXPORT_DOC,
  HEALTH_DOCS,
  batchDoc,
  batchRequest,
  buildOpenApiDocument,
  queryDoc,
  type RouteDoc,
} from '@cnscd/service-kit';
import { AdoptionPolicyView } from './queries/adoption-policy.view';
import { HouseholdView } from './queries/household-view.query';
import { ImportParams } from './imports/imports.http.controller';
import { RESIDENTS, VISITS } from './api-tags';
import { OUTREACH_OPERATIONS, OUTREACH_WRITES } from './outreach-operations';
import { ListResidentsParams, ResidentPage } from './queries/resident-queries';
import { ResidentView } from './queries/resident-view';
import { LookupRequest } from './queries/residents.http.controller';
import { ListVisitsParams, VisitPage } from './queries/visit-queries';
import { VisitView } from './queries/visit-view';
import { Worklist, WorklistParams } from './queries/worklist.query';

const query = queryDoc;
const auth = AUTH_RESPONSES;

const SYNC = 'Đồng bộ và nhập tệp / Sync and import';

const routes: RouteDoc[] = [
  EVENTS_EXPORT_DOC,
  ...OUTREACH_WRITES.docs,
  query('/v1/visits/{visitId}', VISITS, 'Xem một lượt thăm hộ / Read one visit', VisitView),
  query(
    '/v1/visits',
    VISITS,
    'Nhật ký thăm hộ theo thôn, tổ chức, chủ đề, ngày / The visit log by village, organisation, topic and date',
    VisitPage,
    ListVisitsParams,
  ),
  query(
    '/v1/households/{householdId}',
    RESIDENTS,
    'Xem một hộ: thành viên và các lượt thăm / A household: members and visits',
    HouseholdView,
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
  queryDoc(
    '/v1/adoption-policy',
    RESIDENTS,
    'Ai được xác nhận mức nào của chỉ tiêu nào, và các mức đơn vị bạn được xác nhận / Who may confirm which stage of which indicator, and the stages your organisation may',
    AdoptionPolicyView,
  ),
  batchDoc(SYNC, batchRequest(Object.keys(OUTREACH_OPERATIONS))),
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
      200: { description: 'Báo cáo nhập / Import report', schema: ImportReport },
      400: { description: 'Tệp hoặc tham số sai / Bad file or parameters' },
      ...auth,
    },
  },
  ...HEALTH_DOCS,
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
