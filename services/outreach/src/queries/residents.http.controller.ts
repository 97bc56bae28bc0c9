import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { EntityId, ResidentKey } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import {
  CurrentPrincipal,
  ForbiddenError,
  RequireScope,
  ScopeCheckedByHandler,
  parseInput,
  type Principal,
} from '@cnscd/service-kit';
import { HouseholdViewHandler, HouseholdViewQuery } from './household-view.query';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import { WorklistHandler, WorklistParams, WorklistQuery } from './worklist.query';
import { ResidentShell } from '../residents/resident-shell';
import {
  GetResidentHandler,
  GetResidentQuery,
  ListResidentsHandler,
  ListResidentsParams,
  ListResidentsQuery,
  ResidentStatusHandler,
} from './resident-queries';

export const LookupRequest = z
  .strictObject({ citizenId: z.string().max(32) })
  .meta({ id: 'LookupResidentRequest' });

@Controller('v1')
export class ResidentsHttpController {
  constructor(
    private readonly readStatus: ResidentStatusHandler,
    private readonly readGetResident: GetResidentHandler,
    private readonly readHouseholdView: HouseholdViewHandler,
    private readonly readListResidents: ListResidentsHandler,
    private readonly readWorklist: WorklistHandler,
    private readonly residents: ResidentShell,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>,
  ) {}

  @Get('residents')
  @RequireScope('outreach:residents:read')
  list(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.readListResidents.execute(
      new ListResidentsQuery(p.commune, parseInput(ListResidentsParams, query)),
    );
  }

  @Get('residents/:residentKey')
  @RequireScope('outreach:residents:read')
  get(@CurrentPrincipal() p: Principal, @Param('residentKey') key: string) {
    const { residentKey } = parseInput(z.object({ residentKey: ResidentKey }), { residentKey: key });
    return this.readGetResident.execute(
      new GetResidentQuery(p.commune, residentKey, p.scopes.includes('outreach:residents:contact')),
    );
  }

  /**
   * The resident key for a citizen ID number, for partners who know the person by their card (the
   * police confirming VNeID). POST, so the number never sits in a URL or an access log.
   */
  @Post('residents/lookup')
  @HttpCode(200)
  @ScopeCheckedByHandler()
  async lookup(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    if (!p.scopes.includes('outreach:residents:read') && !p.scopes.includes('outreach:adoptions:write')) {
      throw new ForbiddenError('outreach:residents:read | outreach:adoptions:write');
    }
    const residentKey = this.residents.resolveKey(p.commune, parseInput(LookupRequest, body));
    const status = await this.readStatus.execute(p.commune, residentKey);
    return { residentKey, registered: status !== null, status };
  }

  @Get('households/:householdId')
  @RequireScope('outreach:residents:read')
  household(@CurrentPrincipal() p: Principal, @Param('householdId') id: string) {
    const { householdId } = parseInput(z.object({ householdId: EntityId }), { householdId: id });
    return this.readHouseholdView.execute(new HouseholdViewQuery(p.commune, householdId));
  }

  @Get('worklist')
  @RequireScope('outreach:residents:read')
  worklist(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.readWorklist.execute(new WorklistQuery(p.commune, parseInput(WorklistParams, query)));
  }
}
