import { deciderSpec } from '@cnscd/testing';
import type { Actor } from '@cnscd/contracts';
import { quarterlyReportDecider, type ReportCommand, type ReportEvent } from './quarterly-report.decider';

const spec = deciderSpec(quarterlyReportDecider);
const by = (organisationKind: Actor['organisationKind']) => ({ organisationKind }) as Actor;
const office = by('culture-society-office');
const province = by('province-department');

const filed = (reportDate = '2026-12-10'): ReportEvent => ({
  type: 'QuarterlyReportSubmitted',
  data: { reportId: '2026-Q4', reportDate, knownAt: `${reportDate}T03:00:00.000Z` },
});
const returned = (version: number, comment = 'Thiếu số liệu thôn 3'): ReportEvent => ({
  type: 'QuarterlyReportReturned',
  data: { reportId: '2026-Q4', version, comment },
});
const accepted = (version: number): ReportEvent => ({
  type: 'QuarterlyReportAccepted',
  data: { reportId: '2026-Q4', version },
});
const submit = (who = office): ReportCommand => ({
  type: 'SubmitQuarterlyReport',
  reportId: '2026-Q4',
  reportDate: '2026-12-12',
  knownAt: '2026-12-12T03:00:00.000Z',
  by: who,
});
const giveBack = (version: number, who = province): ReportCommand => ({
  type: 'ReturnQuarterlyReport',
  reportId: '2026-Q4',
  version,
  comment: 'Thiếu số liệu thôn 3',
  by: who,
});
const accept = (version: number, who = province): ReportCommand => ({
  type: 'AcceptQuarterlyReport',
  reportId: '2026-Q4',
  version,
  by: who,
});
const notes = (): ReportCommand => ({
  type: 'RecordReportNotes',
  reportId: '2026-Q4',
  office: 'culture-society-office',
  difficulties: 'Sóng yếu',
  proposals: 'Thêm điểm phát sóng',
  by: office,
});

describe('the quarterly report between the commune and the province', () => {
  it('lets only the Culture–Society Office submit the commune’s report', () => {
    spec
      .given([])
      .when(submit())
      .then([filed('2026-12-12')]);
    spec
      .given([])
      .when(submit(by('economic-office')))
      .thenRejects('NotPermitted');
  });

  it('freezes a submitted report until the province decides on it', () => {
    spec.given([filed()]).when(submit()).thenRejects('AlreadySubmitted');
    spec.given([filed()]).when(notes()).thenRejects('AlreadySubmitted');
  });

  it('lets the province return the version waiting for it, with what to correct', () => {
    spec
      .given([filed()])
      .when(giveBack(1))
      .then([returned(1)]);
  });

  it('lets the commune record its notes and submit a new version once its report was returned', () => {
    spec
      .given([filed(), returned(1)])
      .when(notes())
      .then([
        {
          type: 'ReportNotesRecorded',
          data: {
            reportId: '2026-Q4',
            office: 'culture-society-office',
            difficulties: 'Sóng yếu',
            proposals: 'Thêm điểm phát sóng',
          },
        },
      ]);
    spec
      .given([filed(), returned(1)])
      .when(submit())
      .then([filed('2026-12-12')]);
  });

  it('accepts the latest version and then locks the report against every change', () => {
    const history = [filed(), returned(1), filed()];
    spec
      .given(history)
      .when(accept(2))
      .then([accepted(2)]);
    for (const command of [submit(), notes(), giveBack(2), accept(2)])
      spec
        .given([...history, accepted(2)])
        .when(command)
        .thenRejects('Locked');
  });

  it('refuses a decision on a version that is not the one waiting (stale, returned, or never filed)', () => {
    spec
      .given([filed(), returned(1), filed()])
      .when(accept(1))
      .thenRejects('NotUnderReview');
    spec
      .given([filed(), returned(1)])
      .when(giveBack(1))
      .thenRejects('NotUnderReview');
    spec.given([]).when(accept(1)).thenRejects('NotUnderReview');
  });

  it('lets no one but the province’s department return or accept a report', () => {
    spec.given([filed()]).when(accept(1, office)).thenRejects('NotPermitted');
    spec
      .given([filed()])
      .when(giveBack(1, by('peoples-committee')))
      .thenRejects('NotPermitted');
  });
});
