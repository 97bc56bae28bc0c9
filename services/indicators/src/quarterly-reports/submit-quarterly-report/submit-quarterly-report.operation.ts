import { REPORTS } from '../../api-tags';
import { z } from 'zod';
import { QuarterlyReportSubmittedV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { vietnamDay } from '../../queries/engine/days';
import { quarterOf, reportDateOf } from '../../queries/reports/quarters';
import { report } from '../quarterly-report-write-parts';

export const SubmitQuarterlyReportRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    ...QuarterlyReportSubmittedV1.pick({ documentNumber: true, signer: true, recipients: true }).shape,
    reportId: z.string().regex(/^[0-9]{4}-Q[1-4]$/),
  })
  .meta({ id: 'SubmitQuarterlyReportRequest' });

/**
 * Freezes the report: it will show what was known now. Its report date is the submission day, or the
 * quarter's cut-off (the day before the deadline) for a report submitted on or after it. The document's
 * number, signer and recipients are printed on it (Decree 30/2020/NĐ-CP).
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
  command: ({ reportId, ...document }, p, now) => {
    return {
      type: 'SubmitQuarterlyReport' as const,
      reportId,
      reportDate: reportDateOf(quarterOf(reportId), vietnamDay(now)),
      knownAt: now.toISOString(),
      ...document,
      by: actorOf(p),
    };
  },
  result: (i) => ({ reportId: i.reportId }),
});
