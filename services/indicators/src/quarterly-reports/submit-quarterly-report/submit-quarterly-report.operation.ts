import { REPORTS } from '../../api-tags';
import { z } from 'zod';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { vietnamDay } from '../../queries/engine/days';
import { quarterOf } from '../../queries/reports/quarters';
import { report } from '../quarterly-report-write-parts';

export const SubmitQuarterlyReportRequest = z
  .strictObject({ ...COMMAND_FIELDS, reportId: z.string().regex(/^[0-9]{4}-Q[1-4]$/) })
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
      by: actorOf(p),
    };
  },
  result: (i) => ({ reportId: i.reportId }),
});
