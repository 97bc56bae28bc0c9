import { serviceWrites } from '@cnscd/service-kit';
import { recordActivity, recordSession } from './activities/record.operations';
import { submitTeamReport } from './reports/report.operations';
import {
  addMember,
  appointLeader,
  recordZaloGroupName,
  registerTeam,
  removeMember,
} from './teams/team.operations';

/** The service's tags in its API document, for its writes and queries alike. */
export const REPORTS = 'Báo cáo / Reports';
export const TEAMS = 'Tổ CNSCĐ / Village teams';
export const WORK = 'Tuyên truyền và tập huấn / Communication and training';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.training.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const TRAINING_WRITES = serviceWrites([
  {
    operation: registerTeam,
    http: {
      path: 'teams',
      tag: TEAMS,
      summary: 'Thành lập Tổ CNSCĐ của một thôn / Register a village team',
      description:
        'Mỗi thôn một tổ; mã tổ suy ra từ mã thôn. One team per village; its id is derived from the village code. Its Zalo group name must be `CNSCĐ_<Thôn>_<Tên xã>`.',
      location: (r: Record<string, unknown>) => `/v1/teams/${r['teamId']}`,
    },
  },
  {
    operation: addMember,
    http: {
      path: 'teams/members',
      tag: TEAMS,
      summary: 'Thêm thành viên (cần sự đồng ý) / Add a member (with consent)',
      description:
        'Thành viên là tình nguyện viên; chỉ lưu tên hiển thị, vai trò, đơn vị. Volunteers: only a display name, affiliation and dates are kept, with their consent.',
    },
  },
  {
    operation: removeMember,
    http: {
      path: 'teams/members/departures',
      tag: TEAMS,
      summary: 'Thành viên rời tổ / A member leaves',
      description: 'Có thể tham gia lại sau. They may rejoin later.',
    },
  },
  {
    operation: appointLeader,
    http: {
      path: 'teams/leaders',
      tag: TEAMS,
      summary: 'Bổ nhiệm tổ trưởng / Appoint the team leader',
      description: 'Tổ trưởng phải là thành viên hiện tại. The leader must be a current member.',
    },
  },
  {
    operation: recordZaloGroupName,
    http: {
      path: 'teams/zalo-group-names',
      tag: TEAMS,
      summary: 'Ghi tên nhóm Zalo đang dùng / Record the Zalo group name in use',
      description:
        'Được đối chiếu với quy tắc và báo lỗi cụ thể (thiếu dấu, sai tiền tố, thừa khoảng trắng…). Judged against the rule, naming each problem.',
    },
  },
  {
    operation: recordActivity,
    http: {
      path: 'activities',
      tag: WORK,
      summary: 'Ghi nhận hoạt động tuyên truyền / Record a communication activity',
      description:
        'Băng rôn, họp thôn, sự kiện, hội thảo chuyên đề (nêu ngày kỷ niệm), bài đăng trên nền tảng số. Banners, meetings, events, themed workshops (name the anniversary), digital posts.',
    },
  },
  {
    operation: recordSession,
    http: {
      path: 'sessions',
      tag: WORK,
      summary: 'Ghi nhận buổi tập huấn / Record a training session',
      description:
        'Số người dự theo nhóm tuổi và giới tính; người dự có tên chỉ bằng khóa cư dân, không bao giờ số CCCD. Attendance by age band and sex; named attendees only by resident key, never an ID number. Mark core-spreader sessions.',
    },
  },
  {
    operation: submitTeamReport,
    http: {
      path: 'teams/reports',
      tag: REPORTS,
      summary: 'Tổ nộp báo cáo định kỳ / A team submits its periodic report',
      description:
        'Số liệu được tính từ những gì đã ghi nhận (kể cả lượt thăm hộ); tổ ghi khó khăn, đề xuất. Figures are counted from what was recorded (visits included); the team adds difficulties and proposals.',
    },
  },
]);
export const TRAINING_OPERATIONS = TRAINING_WRITES.registry;
export const CommandsHttpController = TRAINING_WRITES.controller;
