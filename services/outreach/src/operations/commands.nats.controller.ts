import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { CurrentPrincipal, NotFoundError, ScopeCheckedByHandler, type Principal } from '@cnscd/service-kit';
import { OPERATIONS, OperationRunner } from './operation-runner';
import type { OperationResult } from './operation';

/**
 * Request/reply on NATS for partner services: `cnscd.outreach.cmd.<kind>` (for example
 * `cnscd.outreach.cmd.log-visit`), the same JSON body as over HTTP, the key in header `Authorization`.
 */
export const COMMAND_SUBJECTS = 'cnscd.outreach.cmd.*';

@Controller()
export class CommandsNatsController {
  constructor(private readonly runner: OperationRunner) {}

  @MessagePattern(COMMAND_SUBJECTS)
  @ScopeCheckedByHandler()
  run(
    @CurrentPrincipal() principal: Principal,
    @Payload() payload: unknown,
    @Ctx() ctx: NatsContext,
  ): Promise<OperationResult> {
    const kind = ctx.getSubject().split('.').pop()!;
    const operation = OPERATIONS[kind];
    if (!operation) throw new NotFoundError(`command ${kind}`);
    const headers = ctx.getHeaders();
    return this.runner.run(operation, principal, payload, {
      get: (name: string) => headers?.get(name) || undefined,
    });
  }
}
