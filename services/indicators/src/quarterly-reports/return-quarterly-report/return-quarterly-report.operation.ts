import { REPORTS } from '../../api-tags';
import { QuarterlyReportReturnedV1 } from '@cnscd/contracts';
import { actorOf, deciderOperation } from '@cnscd/service-kit';
import { OF_COMMUNE, provinceDecision } from '../quarterly-report-write-parts';

export const ReturnQuarterlyReportRequest = QuarterlyReportReturnedV1.extend(OF_COMMUNE)
  .strict()
  .meta({ id: 'ReturnQuarterlyReportRequest' });

/** Returns the version the commune filed, with what to correct: the commune may submit again. */
export const returnQuarterlyReport = deciderOperation({
  ...provinceDecision,
  kind: 'return-quarterly-report',
  input: ReturnQuarterlyReportRequest,
  http: {
    path: 'province/reports/returns',
    tag: REPORTS,
    summary: 'Trả lại báo cáo quý của xã kèm ý kiến / Return a commune’s quarterly report with a comment',
    description:
      'Sở Khoa học và Công nghệ trả lại bản đã nộp (`version`); xã sửa và nộp bản mới, các bản trước giữ nguyên. The province returns the filed version; the commune corrects it and files a new one, the earlier ones kept as filed.',
  },
  command: ({ commune: _commune, ...decision }, p) => ({
    type: 'ReturnQuarterlyReport' as const,
    ...decision,
    by: actorOf(p),
  }),
});
