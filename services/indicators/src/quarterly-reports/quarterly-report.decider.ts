import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type {
  Actor,
  QuarterlyReportAcceptedData,
  QuarterlyReportReturnedData,
  QuarterlyReportSubmittedData,
  ReportNotesRecordedData,
} from '@cnscd/contracts';

const notPermitted = () =>
  reject('NotPermitted', {
    vi: 'Mỗi phòng ghi ý kiến của mình; chỉ Phòng Văn hóa – Xã hội nộp báo cáo quý.',
    en: 'Each office records its own notes; only the Culture–Society Office submits the report.',
  });
const notTheProvince = () =>
  reject('NotPermitted', {
    vi: 'Chỉ Sở Khoa học và Công nghệ trả lại hoặc chấp nhận báo cáo quý của xã.',
    en: 'Only the province’s Department of Science and Technology returns or accepts a commune’s report.',
  });

/** The quarterly report: one aggregate per commune and quarter. */
export type ReportEvent =
  | DomainEvent<'ReportNotesRecorded', ReportNotesRecordedData>
  | DomainEvent<'QuarterlyReportSubmitted', QuarterlyReportSubmittedData>
  | DomainEvent<'QuarterlyReportReturned', QuarterlyReportReturnedData>
  | DomainEvent<'QuarterlyReportAccepted', QuarterlyReportAcceptedData>;
export type ReportCommand =
  | ({ type: 'RecordReportNotes'; by: Actor } & ReportNotesRecordedData)
  | ({ type: 'SubmitQuarterlyReport'; by: Actor } & QuarterlyReportSubmittedData)
  | ({ type: 'ReturnQuarterlyReport'; by: Actor } & QuarterlyReportReturnedData)
  | ({ type: 'AcceptQuarterlyReport'; by: Actor } & QuarterlyReportAcceptedData);

/**
 * Where the report is: a draft (or a version the province returned — the commune corrects it), a
 * version filed and waiting for the province, or accepted (locked). `versions`: how many were filed.
 */
export interface ReportState {
  readonly status: 'draft' | 'submitted' | 'returned' | 'accepted';
  readonly versions: number;
}
const STATUS_VI: Record<ReportState['status'], string> = {
  draft: 'bản nháp',
  submitted: 'đã nộp',
  returned: 'đã trả lại',
  accepted: 'đã chấp nhận',
};
type ReportRejection = Rejection<'NotPermitted' | 'AlreadySubmitted' | 'Locked' | 'NotUnderReview'>;

const STATUS_AFTER: Record<ReportEvent['type'], ReportState['status'] | null> = {
  ReportNotesRecorded: null,
  QuarterlyReportSubmitted: 'submitted',
  QuarterlyReportReturned: 'returned',
  QuarterlyReportAccepted: 'accepted',
};

/**
 * Draft (notes may change) → submitted (version n, frozen: it shows what was known at `knownAt`) →
 * returned with a comment (the commune corrects and submits version n + 1) or accepted (locked).
 */
export const quarterlyReportDecider: Decider<ReportCommand, ReportState, ReportEvent> = {
  initialState: () => ({ status: 'draft', versions: 0 }),
  evolve: (state, e) => ({
    status: STATUS_AFTER[e.type] ?? state.status,
    versions: state.versions + (e.type === 'QuarterlyReportSubmitted' ? 1 : 0),
  }),
  decide: (command, state): ReportEvent[] | ReportRejection => {
    if (state.status === 'accepted')
      return reject('Locked', {
        vi: 'Sở đã chấp nhận báo cáo quý này; báo cáo đã khóa.',
        en: 'The province accepted this quarterly report; it is locked.',
      });
    const { type, by, ...data } = command;
    if (type === 'ReturnQuarterlyReport' || type === 'AcceptQuarterlyReport') return review(command, state);
    if (state.status === 'submitted')
      return reject('AlreadySubmitted', {
        vi: 'Báo cáo quý đã nộp, đang chờ Sở xem xét; không sửa được.',
        en: 'The quarterly report is submitted and awaits the province; it cannot change.',
      });
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

/** The province's decision on the version it read: only on the one waiting for it, never a stale one. */
function review(
  command: Extract<ReportCommand, { type: 'ReturnQuarterlyReport' | 'AcceptQuarterlyReport' }>,
  state: ReportState,
): ReportEvent[] | ReportRejection {
  const { type, by, ...data } = command;
  if (by.organisationKind !== 'province-department') return notTheProvince();
  if (state.status !== 'submitted' || command.version !== state.versions)
    return reject('NotUnderReview', {
      vi: `Không có bản ${command.version} đang chờ xem xét (xã đã nộp ${state.versions} bản; tình trạng: ${STATUS_VI[state.status]}).`,
      en: `Version ${command.version} is not awaiting review (the commune filed ${state.versions}; status: ${state.status}).`,
    });
  return type === 'ReturnQuarterlyReport'
    ? [{ type: 'QuarterlyReportReturned', data: data as QuarterlyReportReturnedData }]
    : [{ type: 'QuarterlyReportAccepted', data: data as QuarterlyReportAcceptedData }];
}
