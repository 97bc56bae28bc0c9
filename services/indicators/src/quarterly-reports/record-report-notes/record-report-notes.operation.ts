import { REPORTS } from '../../api-tags';
import { ReportNotesRecordedV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { report } from '../quarterly-report-write-parts';

export const RecordReportNotesRequest = ReportNotesRecordedV1.extend(COMMAND_FIELDS)
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
    description: 'Phòng VH-XH hoặc Phòng Kinh tế, mỗi phòng phần của mình. Each office writes its own part.',
  },
  command: ({ reportId, office, difficulties, proposals }, p) => ({
    type: 'RecordReportNotes' as const,
    reportId,
    office,
    difficulties,
    proposals,
    by: actorOf(p),
  }),
  result: (i) => ({ reportId: i.reportId }),
});
