import { REPORTS } from '../../api-tags';
import { QuarterlyReportAcceptedV1 } from '@cnscd/contracts';
import { actorOf, deciderOperation } from '@cnscd/service-kit';
import { OF_COMMUNE, provinceDecision } from '../quarterly-report-write-parts';

export const AcceptQuarterlyReportRequest = QuarterlyReportAcceptedV1.extend(OF_COMMUNE)
  .strict()
  .meta({ id: 'AcceptQuarterlyReportRequest' });

/** Accepts the version the commune filed: the report is locked. */
export const acceptQuarterlyReport = deciderOperation({
  ...provinceDecision,
  kind: 'accept-quarterly-report',
  input: AcceptQuarterlyReportRequest,
  http: {
    path: 'province/reports/acceptances',
    tag: REPORTS,
    summary: 'Chấp nhận báo cáo quý của xã (khóa) / Accept a commune’s quarterly report (locks it)',
    description:
      'Chấp nhận bản đã nộp (`version`); sau đó báo cáo không thay đổi được nữa. Accepts the filed version; the report cannot change afterwards.',
  },
  command: ({ commune: _commune, ...decision }, p) => ({
    type: 'AcceptQuarterlyReport' as const,
    ...decision,
    by: actorOf(p),
  }),
});
