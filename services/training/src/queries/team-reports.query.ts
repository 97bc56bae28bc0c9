import { z } from 'zod';
import { TeamReportSubmittedV1 } from '@cnscd/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import type { TrainingDatabase } from '../infrastructure/read-model';

/** A team's submitted report, as `GET /v1/teams/{teamId}/reports` answers it. */
export const TeamReportView = z
  .object({
    reportId: z.string(),
    from: z.string(),
    to: z.string(),
    figures: TeamReportSubmittedV1.shape.figures,
    difficulties: z.string(),
    proposals: z.string(),
    submittedAt: z.iso.datetime(),
  })
  .meta({ id: 'TeamReport' });

/** A team's submitted reports, oldest period first: the figures as counted then, and the team's notes. */
@Injectable()
export class TeamReportsQuery {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<TrainingDatabase>) {}

  async execute(commune: string, teamId: string) {
    const rows = await this.rm.db
      .selectFrom('team_reports')
      .selectAll()
      .where('commune', '=', commune)
      .where('team_id', '=', teamId)
      .orderBy('period_from')
      .execute();
    return rows.map((r) => ({
      reportId: r.report_id,
      from: r.period_from,
      to: r.period_to,
      figures: JSON.parse(r.figures) as object,
      difficulties: r.difficulties,
      proposals: r.proposals,
      submittedAt: new Date(r.submitted_at).toISOString(),
    }));
  }
}
