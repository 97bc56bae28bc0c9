import { z } from 'zod';
import { Day } from '@cnscd/contracts';
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
import {
  EstimateDenominatorRequest,
  RecordReportNotesRequest,
  SetCountedStageRequest,
  SetTargetRequest,
  SubmitQuarterlyReportRequest,
} from './commands/indicator.operations';
import { INDICATORS_OPERATIONS } from './indicators-operations';
import {
  RegisterVillageRequest,
  RenameVillageRequest,
  RetireVillageRequest,
} from './villages/village.operations';
import { SeriesParams, ValuesParams } from './values/indicators.http.controller';
import { RebuildProgress } from './projection/rebuild-progress';
import { SubmittedReports } from './reports/reports.http.controller';

const VALUES = 'Chỉ tiêu / Indicators';
const SETTINGS = 'Mẫu số, mục tiêu, cấu hình / Denominators, targets, configuration';
const REPORTS = 'Báo cáo quý / Quarterly report';
const VILLAGES = 'Danh mục thôn / Villages';
const ADMIN = 'Quản trị / Administration';
const file = (path: string, summary: string, type: string): RouteDoc => ({
  method: 'get',
  path,
  tags: [REPORTS],
  summary,
  responses: {
    200: { description: type },
    ...AUTH_RESPONSES,
    404: { description: 'Không có quý này / No such quarter' },
  },
});

const routes: RouteDoc[] = [
  queryDoc(
    '/v1/indicators',
    VALUES,
    'Tám chỉ tiêu: định nghĩa, giai đoạn được tính, mục tiêu từng năm / The eight indicators: definitions, counted stage, yearly targets',
    z.array(z.unknown()),
  ),
  queryDoc(
    '/v1/values',
    VALUES,
    'Giá trị mọi chỉ tiêu của xã và từng thôn vào một ngày / Every indicator for the commune and each village on a day',
    z.unknown(),
    ValuesParams,
  ),
  queryDoc(
    '/v1/series',
    VALUES,
    'Chuỗi giá trị theo ngày, tuần, tháng, quý (bảng điều khiển) / Values over time by day, week, month or quarter (the dashboard)',
    z.unknown(),
    SeriesParams,
  ),
  queryDoc(
    '/v1/villages',
    VILLAGES,
    'Danh mục thôn của xã (mọi tổ chức trong xã đều xem được) / The commune’s villages (any caller of the commune)',
    z.object({ villages: z.array(z.unknown()) }),
  ),
  commandDoc(
    '/v1/villages',
    VILLAGES,
    'Đăng ký một thôn, bon hoặc tổ dân phố / Register a village',
    RegisterVillageRequest,
    'Mọi ghi nhận nêu tên thôn chỉ được nhận khi thôn đã có trong danh mục vào ngày đó. A write naming a village is accepted only if the village is registered and in existence on its day.',
  ),
  commandDoc(
    '/v1/villages/renames',
    VILLAGES,
    'Đổi tên thôn từ một ngày / Rename a village from a day',
    RenameVillageRequest,
    'Mã thôn giữ nguyên; báo cáo các kỳ trước vẫn dùng tên cũ. The code stays; earlier periods keep the old name.',
  ),
  commandDoc(
    '/v1/villages/retirements',
    VILLAGES,
    'Sáp nhập, chia tách hoặc giải thể thôn từ một ngày / Merge, split or dissolve a village from a day',
    RetireVillageRequest,
    'Một thôn kế tục: sáp nhập, cư dân và hộ kinh doanh được tính vào thôn đó từ ngày hiệu lực. Nhiều thôn kế tục: chia tách, từng cư dân được chuyển thôn. Không thôn kế tục: giải thể. One successor: a merger, residents and merchants count there from that day. Several: a split, each resident is moved. None: dissolved.',
  ),
  commandDoc(
    '/v1/denominators',
    SETTINGS,
    'Nhập số dân ước tính theo thôn và nhóm tuổi / Post a population estimate per village and age band',
    EstimateDenominatorRequest,
    'Mẫu số là ước tính của xã (ví dụ từ dữ liệu dân cư của Công an xã), không phải số cư dân đã đăng ký. Denominators are the commune’s estimates with source and effective date, not the registered residents.',
  ),
  commandDoc(
    '/v1/targets',
    SETTINGS,
    'Đặt mục tiêu năm cho xã hoặc một thôn / Set a yearly target for the commune or a village',
    SetTargetRequest,
    'Mặc định theo kế hoạch (2025, 2030) và nội suy các năm giữa. Defaults from the plan, interpolated in between; every change is an event with who and why.',
  ),
  commandDoc(
    '/v1/config/counted-stages',
    SETTINGS,
    'Đổi giai đoạn được tính cho một chỉ tiêu / Change which stage counts for an indicator',
    SetCountedStageRequest,
    'Toàn bộ lịch sử được tính lại theo cấu hình mới. The whole history is recomputed with it.',
  ),
  commandDoc(
    '/v1/reports/notes',
    REPORTS,
    'Ghi khó khăn, đề xuất của phòng / Record an office’s difficulties and proposals',
    RecordReportNotesRequest,
    'Phòng VH-XH hoặc Phòng Kinh tế, mỗi phòng phần của mình. Each office writes its own part.',
  ),
  commandDoc(
    '/v1/reports/submissions',
    REPORTS,
    'Nộp báo cáo quý (khóa số liệu) / Submit the quarterly report (freezes it)',
    SubmitQuarterlyReportRequest,
    'Sau khi nộp, báo cáo luôn hiển thị số liệu như lúc nộp. Once submitted the report keeps showing what was known then. Due before the 20th of the quarter’s last month.',
  ),
  queryDoc(
    '/v1/reports',
    REPORTS,
    'Các báo cáo quý đã nộp / The quarterly reports submitted so far',
    SubmittedReports,
  ),
  queryDoc(
    '/v1/reports/{reportId}',
    REPORTS,
    'Báo cáo quý: nháp, đã nộp hoặc trễ hạn / The quarterly report: draft, submitted or late',
    z.unknown(),
  ),
  file(
    '/v1/reports/{reportId}.xlsx',
    'Tải báo cáo quý dạng XLSX / Download the quarterly report as XLSX',
    'XLSX',
  ),
  file(
    '/v1/reports/{reportId}.csv',
    'Tải bảng chỉ tiêu dạng CSV / Download the indicator table as CSV',
    'CSV',
  ),
  queryDoc(
    '/v1/province/values',
    VALUES,
    'Tổng hợp toàn tỉnh: mọi xã và tổng / Province roll-up: every commune and the sum',
    z.unknown(),
    z.object({ date: Day, knownOn: Day.optional() }),
  ),
  {
    method: 'post',
    path: '/v1/admin/rebuilds',
    tags: [ADMIN],
    summary: 'Dựng lại toàn bộ số liệu từ luồng sự kiện / Rebuild every fact from the event stream',
    responses: {
      202: { description: 'Bắt đầu / Started', schema: RebuildProgress },
      409: { description: 'Đang dựng lại / Already running' },
      ...AUTH_RESPONSES,
    },
  },
  queryDoc(
    '/v1/admin/rebuilds/current',
    ADMIN,
    'Tiến độ dựng lại (bước, sự kiện, tốc độ, thời gian còn lại) / Rebuild progress (step, events, rate, time left)',
    RebuildProgress.extend({
      serving: z.string().describe('Lược đồ đang phục vụ / The schema serving queries'),
    }),
  ),
  batchDoc(SETTINGS, batchRequest(Object.keys(INDICATORS_OPERATIONS))),
  ...HEALTH_DOCS,
];

export const indicatorsOpenApi = () =>
  buildOpenApiDocument(
    {
      title: 'cnscd — Indicators service (Chỉ tiêu, mục tiêu, báo cáo quý)',
      version: '0.1.0',
      description:
        'Tám chỉ tiêu của kế hoạch theo thôn và toàn xã, vào bất kỳ ngày nào ("tính đến ngày D") và như đã biết vào một ngày ("theo số liệu ngày K"); báo cáo quý gửi Sở Khoa học và Công nghệ. ' +
        'The plan’s eight indicators per village and commune, as of any day and as known on any day; the quarterly report to the provincial Department of Science and Technology.',
    },
    routes,
  );
