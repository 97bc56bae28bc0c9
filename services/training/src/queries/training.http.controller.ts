import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { CurrentPrincipal, READ_MODEL, RequireScope, parseInput, type Principal } from '@cnscd/service-kit';
import type { TrainingDatabase } from '../infrastructure/read-model';
import { QuietParams, QuietTeamsHandler, QuietTeamsQuery } from './quiet-teams.query';
import { SummaryHandler, SummaryParams, SummaryQuery } from './village-summary.query';
import { TeamsHandler, TeamsQuery } from './teams.query';

const id = (value: string) => parseInput(z.object({ id: EntityId }), { id: value }).id;
export const MemberContactRequest = z
  .strictObject({
    phone: z
      .string()
      .regex(/^(0|\+84)[0-9]{9,10}$/, { error: 'Số điện thoại Việt Nam / A Vietnamese phone number' }),
  })
  .meta({ id: 'MemberContactRequest' });

@Controller('v1')
export class TrainingHttpController {
  constructor(
    private readonly readQuietTeams: QuietTeamsHandler,
    private readonly readSummary: SummaryHandler,
    private readonly readTeams: TeamsHandler,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<TrainingDatabase>,
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
  async reports(@CurrentPrincipal() p: Principal, @Param('teamId') teamId: string) {
    const rows = await this.rm.db
      .selectFrom('team_reports')
      .selectAll()
      .where('commune', '=', p.commune)
      .where('team_id', '=', id(teamId))
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

  @Get('summary')
  @RequireScope('training:read')
  summary(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.readSummary.execute(new SummaryQuery(p.commune, parseInput(SummaryParams, query)));
  }

  /** A member's phone: personal data, kept out of events, in one erasable row. */
  @Post('members/:memberId/contact')
  @HttpCode(204)
  @RequireScope('training:teams')
  async setContact(
    @CurrentPrincipal() p: Principal,
    @Param('memberId') memberId: string,
    @Body() body: unknown,
  ) {
    const { phone } = parseInput(MemberContactRequest, body);
    await this.rm.db
      .insertInto('member_contacts')
      .values({ commune: p.commune, member_id: id(memberId), phone })
      .onConflict((oc) => oc.columns(['commune', 'member_id']).doUpdateSet({ phone }))
      .execute();
  }

  @Get('members/:memberId/contact')
  @RequireScope('training:contacts')
  async contact(@CurrentPrincipal() p: Principal, @Param('memberId') memberId: string) {
    const row = await this.rm.db
      .selectFrom('member_contacts')
      .select('phone')
      .where('commune', '=', p.commune)
      .where('member_id', '=', id(memberId))
      .executeTakeFirst();
    return { phone: row?.phone ?? null };
  }

  @Delete('members/:memberId/contact')
  @HttpCode(204)
  @RequireScope('training:teams')
  async eraseContact(@CurrentPrincipal() p: Principal, @Param('memberId') memberId: string) {
    await this.rm.db
      .deleteFrom('member_contacts')
      .where('commune', '=', p.commune)
      .where('member_id', '=', id(memberId))
      .execute();
  }
}
