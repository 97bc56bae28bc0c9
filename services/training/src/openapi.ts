import { z } from 'zod';
import { TeamReportView } from './queries/team-reports.query';
import {
  AUTH_RESPONSES,
  HEALTH_DOCS,
  batchDoc,
  batchRequest,
  buildOpenApiDocument,
  queryDoc,
  type RouteDoc,
  EVENTS_EXPORT_DOC,
} from '@cnscd/service-kit';
import { MemberContactRequest } from './teams/member-contact/member-contact.http.controller';
import { QuietParams, QuietTeam } from './queries/quiet-teams.query';
import { SummaryParams, VillageSummary } from './queries/village-summary.query';
import { TeamView } from './queries/teams.query';
import { REPORTS, TEAMS, WORK } from './api-tags';
import { TRAINING_OPERATIONS, TRAINING_WRITES } from './training-operations';

const routes: RouteDoc[] = [
  EVENTS_EXPORT_DOC,
  ...TRAINING_WRITES.docs,
  queryDoc(
    '/v1/teams',
    TEAMS,
    'Danh sách tổ, tổ trưởng, thành viên, tên nhóm Zalo / Teams, leaders, members and Zalo group names',
    z.array(TeamView),
  ),
  queryDoc('/v1/teams/{teamId}', TEAMS, 'Xem một tổ / Read one team', TeamView),
  queryDoc(
    '/v1/teams/quiet',
    TEAMS,
    'Tổ "im lặng": không hoạt động, thiếu tổ trưởng hoặc thiếu người / Quiet teams: no recent work, no leader, or too few members',
    z.array(QuietTeam),
    QuietParams,
  ),
  queryDoc(
    '/v1/teams/{teamId}/reports',
    REPORTS,
    'Các báo cáo đã nộp của tổ / A team’s submitted reports',
    z.array(TeamReportView),
  ),
  queryDoc(
    '/v1/summary',
    REPORTS,
    'Số liệu theo thôn trong một kỳ / Figures per village for a period',
    z.array(VillageSummary),
    SummaryParams,
  ),
  {
    method: 'post',
    path: '/v1/members/{memberId}/contact',
    tags: [TEAMS],
    summary:
      'Lưu số điện thoại thành viên (ngoài sự kiện, xóa được) / Keep a member’s phone (outside events, erasable)',
    body: MemberContactRequest,
    responses: {
      204: { description: 'Đã lưu / Kept' },
      400: { description: 'Số sai / Bad number' },
      ...AUTH_RESPONSES,
    },
  },
  batchDoc(WORK, batchRequest(Object.keys(TRAINING_OPERATIONS))),
  ...HEALTH_DOCS,
];

export const trainingOpenApi = () =>
  buildOpenApiDocument(
    {
      title: 'cnscd — Training service (Tổ CNSCĐ, tuyên truyền, tập huấn)',
      version: '0.1.0',
      description:
        'Các Tổ Công nghệ số cộng đồng, hoạt động tuyên truyền và buổi tập huấn; danh sách tổ "im lặng" cho Phòng Văn hóa – Xã hội. ' +
        'Village teams, communication activities and training sessions; the quiet-teams list for the Culture–Society Office. ' +
        'Authenticate with `Authorization: Bearer <access token or API key>` (from the identity service). NATS: `cnscd.training.cmd.<kind>`.',
    },
    routes,
  );
