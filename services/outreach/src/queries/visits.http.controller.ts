import { Controller, Get, Param, Query } from '@nestjs/common';
import { EntityId } from '@cnscd/contracts';
import { CurrentPrincipal, RequireScope, parseInput, type Principal } from '@cnscd/service-kit';
import { z } from 'zod';
import {
  GetVisitHandler,
  GetVisitQuery,
  ListVisitsHandler,
  ListVisitsParams,
  ListVisitsQuery,
  type VisitPage,
} from './visit-queries';
import type { VisitView } from './visit-view';

@Controller('v1/visits')
export class VisitsHttpController {
  constructor(
    private readonly readGetVisit: GetVisitHandler,
    private readonly readListVisits: ListVisitsHandler,
  ) {}

  @Get(':visitId')
  @RequireScope('outreach:visits:read')
  getVisit(@CurrentPrincipal() principal: Principal, @Param('visitId') visitId: string): Promise<VisitView> {
    const { id } = parseInput(z.object({ id: EntityId }), { id: visitId });
    return this.readGetVisit.execute(new GetVisitQuery(principal.commune, id));
  }

  @Get()
  @RequireScope('outreach:visits:read')
  listVisits(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<VisitPage> {
    return this.readListVisits.execute(
      new ListVisitsQuery(principal.commune, parseInput(ListVisitsParams, query)),
    );
  }
}
