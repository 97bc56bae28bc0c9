import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type { TeamReportSubmittedData } from '@cnscd/contracts';

export type ReportEvent = DomainEvent<'TeamReportSubmitted', TeamReportSubmittedData>;
export type ReportCommand = { type: 'SubmitTeamReport' } & TeamReportSubmittedData;
export type ReportState = { readonly submitted: TeamReportSubmittedData | null };

/** A team's report for a period is submitted once; what it said then stays as it was. */
export const reportDecider: Decider<ReportCommand, ReportState, ReportEvent> = {
  initialState: () => ({ submitted: null }),
  evolve: (_s, e) => ({ submitted: e.data }),
  decide: (command, state): ReportEvent[] | Rejection<'InvalidPeriod' | 'ReportAlreadySubmitted'> => {
    if (command.from > command.to)
      return reject(
        'InvalidPeriod',
        { vi: 'Ngày bắt đầu sau ngày kết thúc.', en: 'The period starts after it ends.' },
        'from',
      );
    if (state.submitted) {
      return reject(
        'ReportAlreadySubmitted',
        { vi: 'Tổ đã nộp báo cáo cho kỳ này.', en: 'The team already submitted a report for this period.' },
        'from',
      );
    }
    const { type: _t, ...data } = command;
    return [{ type: 'TeamReportSubmitted', data }];
  },
};
