import { z } from 'zod';
import {
  AUTH_RESPONSES,
  HEALTH_DOCS,
  batchDoc,
  batchRequest,
  buildOpenApiDocument,
  commandDoc,
  queryDoc,
  type RouteDoc,
} from '@cnscd/service-kit';
import { RecordActivityRequest, RecordSessionRequest } from './activities/record.operations';
import { MemberContactRequest } from './queries/training.http.controller';
import { QuietParams, QuietTeam, SummaryParams, TeamView, VillageSummary } from './queries/training-queries';
import { SubmitTeamReportRequest } from './reports/report.operations';
import {
  AddMemberRequest,
  AppointLeaderRequest,
  RecordZaloGroupNameRequest,
  RegisterTeamRequest,
  RemoveMemberRequest,
} from './teams/team.operations';
import { TRAINING_OPERATIONS } from './training-operations';

const TEAMS = 'Tổ CNSCĐ / Village teams';
const WORK = 'Tuyên truyền và tập huấn / Communication and training';
const REPORTS = 'Báo cáo / Reports';

const routes: RouteDoc[] = [
  commandDoc(
    '/v1/teams',
    TEAMS,
    'Thành lập Tổ CNSCĐ của một thôn / Register a village team',
    RegisterTeamRequest,
    'Mỗi thôn một tổ; mã tổ suy ra từ mã thôn. One team per village; its id is derived from the village code. Its Zalo group name must be `CNSCĐ_<Thôn>_<Tên xã>`.',
  ),
  commandDoc(
    '/v1/teams/members',
    TEAMS,
    'Thêm thành viên (cần sự đồng ý) / Add a member (with consent)',
    AddMemberRequest,
    'Thành viên là tình nguyện viên; chỉ lưu tên hiển thị, vai trò, đơn vị. Volunteers: only a display name, affiliation and dates are kept, with their consent.',
  ),
  commandDoc(
    '/v1/teams/members/departures',
    TEAMS,
    'Thành viên rời tổ / A member leaves',
    RemoveMemberRequest,
    'Có thể tham gia lại sau. They may rejoin later.',
  ),
  commandDoc(
    '/v1/teams/leaders',
    TEAMS,
    'Bổ nhiệm tổ trưởng / Appoint the team leader',
    AppointLeaderRequest,
    'Tổ trưởng phải là thành viên hiện tại. The leader must be a current member.',
  ),
  commandDoc(
    '/v1/teams/zalo-group-names',
    TEAMS,
    'Ghi tên nhóm Zalo đang dùng / Record the Zalo group name in use',
    RecordZaloGroupNameRequest,
    'Được đối chiếu với quy tắc và báo lỗi cụ thể (thiếu dấu, sai tiền tố, thừa khoảng trắng…). Judged against the rule, naming each problem.',
  ),
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
  commandDoc(
    '/v1/activities',
    WORK,
    'Ghi nhận hoạt động tuyên truyền / Record a communication activity',
    RecordActivityRequest,
    'Băng rôn, họp thôn, sự kiện, hội thảo chuyên đề (nêu ngày kỷ niệm), bài đăng trên nền tảng số. Banners, meetings, events, themed workshops (name the anniversary), digital posts.',
  ),
  commandDoc(
    '/v1/sessions',
    WORK,
    'Ghi nhận buổi tập huấn / Record a training session',
    RecordSessionRequest,
    'Số người dự theo nhóm tuổi và giới tính; người dự có tên chỉ bằng khóa cư dân, không bao giờ số CCCD. Attendance by age band and sex; named attendees only by resident key, never an ID number. Mark core-spreader sessions.',
  ),
  commandDoc(
    '/v1/teams/reports',
    REPORTS,
    'Tổ nộp báo cáo định kỳ / A team submits its periodic report',
    SubmitTeamReportRequest,
    'Số liệu được tính từ những gì đã ghi nhận (kể cả lượt thăm hộ); tổ ghi khó khăn, đề xuất. Figures are counted from what was recorded (visits included); the team adds difficulties and proposals.',
  ),
  queryDoc(
    '/v1/teams/{teamId}/reports',
    REPORTS,
    'Các báo cáo đã nộp của tổ / A team’s submitted reports',
    z.array(z.unknown()),
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
