import { REPORTS } from '../../api-tags';
import { z } from 'zod';
import { containsIdLikeNumber, Day, EntityId } from '@cnscd/contracts';
import { deterministicUuid } from '@cnscd/event-store';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { TRAINING_PROJECTION } from '../../infrastructure/tokens';
import { reportDecider } from '../team-report.decider';
import { TeamFigures } from '../team-figures';

const Notes = z
  .string()
  .trim()
  .max(2000)
  .refine((n) => !containsIdLikeNumber(n), {
    error: 'Không được chứa số giấy tờ hay số điện thoại / No ID or phone numbers',
  });

export const SubmitTeamReportRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    teamId: EntityId,
    from: Day,
    to: Day,
    difficulties: Notes.default(''),
    proposals: Notes.default(''),
  })
  .meta({ id: 'SubmitTeamReportRequest' });

type Input = z.output<typeof SubmitTeamReportRequest> & {
  figures?: {
    visits: number;
    activities: number;
    peopleReached: number;
    sessions: number;
    attendance: number;
  };
};

/**
 * A team's report to the Culture–Society Office: the figures are counted from what was recorded for
 * the team's village in the period (visits from the outreach service included), the notes are the team's.
 */
export const submitTeamReport = deciderOperation({
  kind: 'submit-team-report',
  scope: 'training:reports',
  input: SubmitTeamReportRequest as z.ZodType<Input>,
  http: {
    path: 'teams/reports',
    tag: REPORTS,
    summary: 'Tổ nộp báo cáo định kỳ / A team submits its periodic report',
    description:
      'Số liệu được tính từ những gì đã ghi nhận (kể cả lượt thăm hộ); tổ ghi khó khăn, đề xuất. Figures are counted from what was recorded (visits included); the team adds difficulties and proposals.',
  },
  prepare: {
    use: TeamFigures,
    run: async (figures: TeamFigures, input: Input, principal) => {
      const village = await figures.villageOfTeam(principal.commune, input.teamId);
      const f = (await figures.byVillage(principal.commune, input.from, input.to))[village];
      return {
        ...input,
        figures: {
          visits: f?.visits ?? 0,
          activities: f?.activities ?? 0,
          peopleReached: f?.peopleReached ?? 0,
          sessions: f?.sessions ?? 0,
          attendance: f?.attendance ?? 0,
        },
      };
    },
  },
  aggregateType: 'team-report',
  aggregateId: (i, p) => deterministicUuid('team-report', p.commune, i.teamId, i.from, i.to),
  decider: reportDecider,
  command: (i, p) => ({
    type: 'SubmitTeamReport' as const,
    teamId: i.teamId,
    reportId: deterministicUuid('team-report', p.commune, i.teamId, i.from, i.to),
    from: i.from,
    to: i.to,
    figures: i.figures!,
    difficulties: i.difficulties,
    proposals: i.proposals,
  }),
  result: (i, reportId) => ({ reportId, teamId: i.teamId, figures: i.figures }),
  projection: TRAINING_PROJECTION,
});
