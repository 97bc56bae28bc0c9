import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { CurrentPrincipal, RequireScope, parseInput, type Principal } from '@cnscd/service-kit';
import { LogVisitCommand } from './log-visit.handler';
import { LogVisitRequest, type LogVisitResponse } from './log-visit.request';

/** Request/reply on NATS for partner services: same body and credential as HTTP (header `Authorization`). */
export const LOG_VISIT_SUBJECT = 'cnscd.outreach.cmd.log-visit';

@Controller()
export class LogVisitNatsController {
  constructor(private readonly commands: CommandBus) {}

  @MessagePattern(LOG_VISIT_SUBJECT)
  @RequireScope('outreach:visits:write')
  logVisit(
    @CurrentPrincipal() principal: Principal,
    @Payload() payload: unknown,
    @Ctx() ctx: NatsContext,
  ): Promise<LogVisitResponse> {
    const headers = ctx.getHeaders();
    return this.commands.execute(
      new LogVisitCommand(principal, parseInput(LogVisitRequest, payload), {
        get: (name: string) => headers?.get(name) || undefined,
      }),
    );
  }
}
