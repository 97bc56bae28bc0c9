import { z } from 'zod';
import { Day } from '@cnscd/contracts';
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
import { REPORTS, SETTINGS, VILLAGES } from './api-tags';
import { INDICATORS_OPERATIONS, INDICATORS_WRITES } from './indicators-operations';
import { SeriesParams, ValuesParams } from './queries/values/indicators.http.controller';
import {
  IndicatorDefinitions,
  ProvinceValuesAnswer,
  SeriesAnswer,
  ValuesAnswer,
  VillagesAnswer,
} from './queries/values/values-schemas';
import { RebuildProgress } from './queries/facts/rebuild-progress';
import { ProvinceReportsParams, ReportVersionParams } from './queries/reports/reports.http.controller';
import { ProvinceReports, QuarterlyReportAnswer, SubmittedReports } from './queries/reports/report-schemas';

const VALUES = 'Chỉ tiêu / Indicators';
const ADMIN = 'Quản trị / Administration';
const MEDIA = {
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  PDF: 'application/pdf',
  CSV: 'text/csv',
} as const;
const file = (path: string, summary: string, type: keyof typeof MEDIA): RouteDoc => ({
  method: 'get',
  path,
  tags: [REPORTS],
  summary,
  query: ReportVersionParams,
  responses: {
    200: { description: type, mediaType: MEDIA[type], ...(type === 'CSV' ? { schema: z.string() } : {}) },
    400: { description: 'Tham số sai / Bad parameters' },
    ...AUTH_RESPONSES,
    404: { description: 'Không có quý hoặc bản này / No such quarter or version' },
  },
});

const routes: RouteDoc[] = [
  EVENTS_EXPORT_DOC,
  queryDoc(
    '/v1/indicators',
    VALUES,
    'Tám chỉ tiêu: định nghĩa, giai đoạn được tính, mục tiêu từng năm / The eight indicators: definitions, counted stage, yearly targets',
    IndicatorDefinitions,
  ),
  queryDoc(
    '/v1/values',
    VALUES,
    'Giá trị mọi chỉ tiêu của xã và từng thôn vào một ngày / Every indicator for the commune and each village on a day',
    ValuesAnswer,
    ValuesParams,
  ),
  queryDoc(
    '/v1/series',
    VALUES,
    'Chuỗi giá trị theo ngày, tuần, tháng, quý (bảng điều khiển) / Values over time by day, week, month or quarter (the dashboard)',
    SeriesAnswer,
    SeriesParams,
  ),
  queryDoc(
    '/v1/villages',
    VILLAGES,
    'Danh mục thôn của xã (mọi tổ chức trong xã đều xem được) / The commune’s villages (any caller of the commune)',
    VillagesAnswer,
  ),
  ...INDICATORS_WRITES.docs,
  queryDoc(
    '/v1/reports',
    REPORTS,
    'Các báo cáo quý đã nộp / The quarterly reports submitted so far',
    SubmittedReports,
  ),
  queryDoc(
    '/v1/reports/{reportId}',
    REPORTS,
    'Báo cáo quý: nháp, đã nộp, bị trả lại, đã chấp nhận hoặc trễ hạn; `version` mở một bản đã nộp đúng như lúc nộp / The quarterly report: draft, filed, returned, accepted or late; `version` opens a filed version exactly as filed',
    QuarterlyReportAnswer,
    ReportVersionParams,
  ),
  file(
    '/v1/reports/{reportId}.xlsx',
    'Tải báo cáo quý dạng XLSX / Download the quarterly report as XLSX',
    'XLSX',
  ),
  file(
    '/v1/reports/{reportId}.pdf',
    'Tải báo cáo quý dạng PDF (văn bản hành chính) / Download the quarterly report as PDF (the filed document)',
    'PDF',
  ),
  file(
    '/v1/reports/{reportId}.csv',
    'Tải bảng chỉ tiêu dạng CSV / Download the indicator table as CSV',
    'CSV',
  ),
  queryDoc(
    '/v1/province/reports',
    REPORTS,
    'Sở KH&CN: báo cáo quý của mọi xã, tình trạng, bản mới nhất, ý kiến / The province: every commune’s report for a quarter, its status, latest version and comment',
    ProvinceReports,
    ProvinceReportsParams,
  ),
  queryDoc(
    '/v1/province/reports/{commune}/{reportId}',
    REPORTS,
    'Sở KH&CN: báo cáo của một xã, bản đã nộp mới nhất hoặc `version` / The province: one commune’s report, its latest filed version or `version`',
    QuarterlyReportAnswer,
    ReportVersionParams,
  ),
  file(
    '/v1/province/reports/{commune}/{reportId}.pdf',
    'Sở KH&CN: tải báo cáo của xã dạng PDF / The province: a commune’s report as PDF',
    'PDF',
  ),
  file(
    '/v1/province/reports/{commune}/{reportId}.xlsx',
    'Sở KH&CN: tải báo cáo của xã dạng XLSX / The province: a commune’s report as XLSX',
    'XLSX',
  ),
  queryDoc(
    '/v1/province/values',
    VALUES,
    'Tổng hợp toàn tỉnh: mọi xã và tổng / Province roll-up: every commune and the sum',
    ProvinceValuesAnswer,
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
