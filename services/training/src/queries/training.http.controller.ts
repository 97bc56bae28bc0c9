import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import { CurrentPrincipal, RequireScope, parseInput, type Principal } from '@cnscd/service-kit';
import { QuietParams, QuietTeamsHandler, QuietTeamsQuery } from './quiet-teams.query';
import { SummaryHandler, SummaryParams, SummaryQuery } from './village-summary.query';
import { TeamReportsQuery } from './team-reports.query';
import { TeamsHandler, TeamsQuery } from './teams.query';

const id = (value: string) => parseInput(z.object({ id: EntityId }), { id: value }).id;

@Controller('v1')
export class TrainingHttpController {
  constructor(
    private readonly readQuietTeams: QuietTeamsHandler,
    private readonly readSummary: SummaryHandler,
    private readonly readTeams: TeamsHandler,
    private readonly readTeamReports: TeamReportsQuery,
  ) {}

  @Get('teams')
  @RequireScope('training:read')
  teams(@CurrentPrincipal() p: Principal) {
    return this.readTeams.execute(new TeamsQuery(p.commune));
  }

  @Get('teams/quiet')
  @RequireScope('training:read')
  quiet(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.readQuietTeams.execute(new QuietTeamsQuery(p.commune, parseInput(QuietParams, query)));
  }

  @Get('teams/:teamId')
  @RequireScope('training:read')
  async team(@CurrentPrincipal() p: Principal, @Param('teamId') teamId: string) {
    return (await this.readTeams.execute(new TeamsQuery(p.commune, id(teamId))))[0];
  }

  @Get('teams/:teamId/reports')
  @RequireScope('training:read')
  reports(@CurrentPrincipal() p: Principal, @Param('teamId') teamId: string) {
    return this.readTeamReports.execute(p.commune, id(teamId));
  }

  @Get('summary')
  @RequireScope('training:read')
  summary(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.readSummary.execute(new SummaryQuery(p.commune, parseInput(SummaryParams, query)));
  }
}
