import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentPrincipal, RequireScope, parseInput, type Principal } from '@cnscd/service-kit';
import { LogVisitCommand } from './log-visit.handler';
import { LogVisitRequest, type LogVisitResponse } from './log-visit.request';

@Controller('v1/visits')
export class LogVisitHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 201 when the visit is new; 200 with `Idempotent-Replayed: true` when the command id was seen before. */
  @Post()
  @RequireScope('outreach:visits:write')
  async logVisit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers() headers: Record<string, string>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LogVisitResponse> {
    const result = await this.commands.execute(
      new LogVisitCommand(principal, parseInput(LogVisitRequest, body), headers),
    );
    res.status(result.status === 'duplicate' ? 200 : 201).location(`/v1/visits/${result.visitId}`);
    if (result.status === 'duplicate') res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }
}
