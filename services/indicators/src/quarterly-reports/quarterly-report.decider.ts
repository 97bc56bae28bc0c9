import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type { Actor, QuarterlyReportSubmittedData, ReportNotesRecordedData } from '@cnscd/contracts';

const notPermitted = () =>
  reject('NotPermitted', {
    vi: 'Mỗi phòng ghi ý kiến của mình; chỉ Phòng Văn hóa – Xã hội nộp báo cáo quý.',
    en: 'Each office records its own notes; only the Culture–Society Office submits the report.',
  });

/** The quarterly report: one aggregate per commune and quarter. */
export type ReportEvent =
  | DomainEvent<'ReportNotesRecorded', ReportNotesRecordedData>
  | DomainEvent<'QuarterlyReportSubmitted', QuarterlyReportSubmittedData>;
export type ReportCommand =
  | ({ type: 'RecordReportNotes'; by: Actor } & ReportNotesRecordedData)
  | ({ type: 'SubmitQuarterlyReport'; by: Actor } & QuarterlyReportSubmittedData);

/** Draft (notes may change) → submitted (frozen: it shows what was known at `knownAt`). */
export const quarterlyReportDecider: Decider<ReportCommand, { submitted: boolean }, ReportEvent> = {
  initialState: () => ({ submitted: false }),
  evolve: (state, e) => (e.type === 'QuarterlyReportSubmitted' ? { submitted: true } : state),
  decide: (command, state): ReportEvent[] | Rejection<'NotPermitted' | 'AlreadySubmitted'> => {
    if (state.submitted)
      return reject('AlreadySubmitted', {
        vi: 'Báo cáo quý đã nộp, không sửa được.',
        en: 'The quarterly report is submitted and frozen.',
      });
    const { type, by, ...data } = command;
    if (type === 'RecordReportNotes') {
      // Each office writes its own difficulties and proposals.
      return by.organisationKind === command.office
        ? [{ type: 'ReportNotesRecorded', data: data as ReportNotesRecordedData }]
        : notPermitted();
    }
    return by.organisationKind === 'culture-society-office'
      ? [{ type: 'QuarterlyReportSubmitted', data: data as QuarterlyReportSubmittedData }]
      : notPermitted();
  },
};
