import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal, RequireScope, type Principal } from '@cnscd/service-kit';
import { registerHousehold } from '../households/register-household.operation';
import { changeConsent } from '../residents/change-consent/change-consent.operation';
import { confirmAdoption } from '../residents/confirm-adoption/confirm-adoption.operation';
import { eraseResident } from '../residents/erase-resident/erase-resident.operation';
import { moveResident } from '../residents/move-resident/move-resident.operation';
import { registerResident } from '../residents/register-resident/register-resident.operation';
import { retractAdoption } from '../residents/retract-adoption/retract-adoption.operation';
import { logVisit } from '../visits/log-visit/log-visit.handler';
import { httpStatusOf, type Operation, type OperationResult } from '@cnscd/service-kit';
import { OperationRunner } from '@cnscd/service-kit';

type H = Record<string, string>;

/** The outreach writes over HTTP: each route runs one operation. 201 when something new was recorded, else 200. */
@Controller('v1')
export class CommandsHttpController {
  constructor(private readonly runner: OperationRunner) {}

  private async run<R extends OperationResult>(
    op: Operation<unknown, R>,
    principal: Principal,
    body: unknown,
    headers: H,
    res: Response,
  ): Promise<R> {
    const result = await this.runner.run(op, principal, body, headers);
    res.status(httpStatusOf(result));
    if (result.status === 'duplicate') res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  @Post('visits')
  @RequireScope(logVisit.scope)
  async logVisit(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: H,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.run(logVisit, p, body, h, res);
    res.location(`/v1/visits/${result.visitId}`);
    return result;
  }

  @Post('households')
  @RequireScope(registerHousehold.scope)
  registerHousehold(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: H,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(registerHousehold, p, body, h, res);
  }

  @Post('residents')
  @RequireScope(registerResident.scope)
  registerResident(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: H,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(registerResident, p, body, h, res);
  }

  @Post('residents/consents')
  @RequireScope(changeConsent.scope)
  changeConsent(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: H,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(changeConsent, p, body, h, res);
  }

  @Post('residents/moves')
  @RequireScope(moveResident.scope)
  moveResident(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: H,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(moveResident, p, body, h, res);
  }

  @Post('residents/erasures')
  @RequireScope(eraseResident.scope)
  eraseResident(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: H,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(eraseResident, p, body, h, res);
  }

  @Post('adoptions/confirmations')
  @RequireScope(confirmAdoption.scope)
  confirmAdoption(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: H,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(confirmAdoption, p, body, h, res);
  }

  @Post('adoptions/retractions')
  @RequireScope(retractAdoption.scope)
  retractAdoption(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: H,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(retractAdoption, p, body, h, res);
  }
}
