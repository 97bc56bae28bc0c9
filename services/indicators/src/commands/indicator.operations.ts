import { REPORTS, SETTINGS } from '../api-tags';
import { FactsStore } from '../projection/facts-store';
import { z } from 'zod';
import {
  CountedStageSetV1,
  DenominatorEstimatedV1,
  EntityId,
  OccurredAt,
  ReportNotesRecordedV1,
  TargetSetV1,
} from '@cnscd/contracts';
import { actorOf, deciderOperation, type Principal } from '@cnscd/service-kit';
import { vietnamDay } from '../engine/days';
import { quarterOf } from '../reports/quarters';
import { quarterlyReportDecider, settingsDecider } from './indicators.decider';

const base = { commandId: EntityId, occurredAt: OccurredAt };
const by = actorOf;
const settings = {
  aggregateType: 'settings',
  aggregateId: (_i: unknown, p: Principal) => p.commune,
  decider: settingsDecider,
  // The command answers once the facts in use have its event: a screen reloading at once sees it.
  projection: FactsStore,
} as const;

export const SetCountedStageRequest = CountedStageSetV1.extend(base)
  .strict()
  .meta({ id: 'SetCountedStageRequest' });
export const setCountedStage = deciderOperation({
  ...settings,
  kind: 'set-counted-stage',
  scope: 'indicators:configure',
  input: SetCountedStageRequest,
  http: {
    path: 'config/counted-stages',
    tag: SETTINGS,
    summary: 'Đổi giai đoạn được tính cho một chỉ tiêu / Change which stage counts for an indicator',
    description:
      'Toàn bộ lịch sử được tính lại theo cấu hình mới. The whole history is recomputed with it.',
  },
  command: ({ indicator, stage, reason }, p) => ({
    type: 'SetCountedStage' as const,
    indicator,
    stage,
    reason,
    by: by(p),
  }),
});

export const EstimateDenominatorRequest = DenominatorEstimatedV1.extend(base)
  .strict()
  .meta({ id: 'EstimateDenominatorRequest' });
export const estimateDenominator = deciderOperation({
  ...settings,
  kind: 'estimate-denominator',
  scope: 'indicators:denominators',
  input: EstimateDenominatorRequest,
  http: {
    path: 'denominators',
    tag: SETTINGS,
    summary:
      'Nhập số dân ước tính theo thôn và nhóm tuổi / Post a population estimate per village and age band',
    description:
      'Mẫu số là ước tính của xã (ví dụ từ dữ liệu dân cư của Công an xã), không phải số cư dân đã đăng ký. Denominators are the commune’s estimates with source and effective date, not the registered residents.',
  },
  command: ({ villageCode, ageBand, count, source, effectiveDate }, p) => ({
    type: 'EstimateDenominator' as const,
    villageCode,
    ageBand,
    count,
    source,
    effectiveDate,
    by: by(p),
  }),
});

export const SetTargetRequest = TargetSetV1.extend(base).strict().meta({ id: 'SetTargetRequest' });
export const setTarget = deciderOperation({
  ...settings,
  kind: 'set-target',
  scope: 'indicators:configure',
  input: SetTargetRequest,
  http: {
    path: 'targets',
    tag: SETTINGS,
    summary: 'Đặt mục tiêu năm cho xã hoặc một thôn / Set a yearly target for the commune or a village',
    description:
      'Mặc định theo kế hoạch (2025, 2030) và nội suy các năm giữa. Defaults from the plan, interpolated in between; every change is an event with who and why.',
  },
  command: ({ indicator, villageCode, year, value, reason }, p) => ({
    type: 'SetTarget' as const,
    indicator,
    villageCode,
    year,
    value,
    reason,
    by: by(p),
  }),
});

const report = {
  aggregateType: 'quarterly-report',
  aggregateId: (i: { reportId: string }) => i.reportId,
  decider: quarterlyReportDecider,
  projection: FactsStore,
} as const;

export const RecordReportNotesRequest = ReportNotesRecordedV1.extend(base)
  .strict()
  .meta({ id: 'RecordReportNotesRequest' });
export const recordReportNotes = deciderOperation({
  ...report,
  kind: 'record-report-notes',
  scope: 'indicators:reports',
  input: RecordReportNotesRequest,
  http: {
    path: 'reports/notes',
    tag: REPORTS,
    summary: 'Ghi khó khăn, đề xuất của phòng / Record an office’s difficulties and proposals',
    description:
      'Phòng VH-XH hoặc Phòng Kinh tế, mỗi phòng phần của mình. Each office writes its own part.',
  },
  command: ({ reportId, office, difficulties, proposals }, p) => ({
    type: 'RecordReportNotes' as const,
    reportId,
    office,
    difficulties,
    proposals,
    by: by(p),
  }),
  result: (i) => ({ reportId: i.reportId }),
});

export const SubmitQuarterlyReportRequest = z
  .strictObject({ ...base, reportId: z.string().regex(/^[0-9]{4}-Q[1-4]$/) })
  .meta({ id: 'SubmitQuarterlyReportRequest' });
/**
 * Freezes the report: it will show what was known now. Its report date is the submission day, or the
 * quarter's last day for a report submitted after the quarter ended.
 */
export const submitQuarterlyReport = deciderOperation({
  ...report,
  kind: 'submit-quarterly-report',
  scope: 'indicators:reports',
  input: SubmitQuarterlyReportRequest,
  http: {
    path: 'reports/submissions',
    tag: REPORTS,
    summary: 'Nộp báo cáo quý (khóa số liệu) / Submit the quarterly report (freezes it)',
    description:
      'Sau khi nộp, báo cáo luôn hiển thị số liệu như lúc nộp. Once submitted the report keeps showing what was known then. Due before the 20th of the quarter’s last month.',
  },
  command: ({ reportId }, p, now) => {
    const today = vietnamDay(now);
    const { end } = quarterOf(reportId);
    return {
      type: 'SubmitQuarterlyReport' as const,
      reportId,
      reportDate: today < end ? today : end,
      knownAt: now.toISOString(),
      by: by(p),
    };
  },
  result: (i) => ({ reportId: i.reportId }),
});
