import { Controller, UseInterceptors, type Type } from '@nestjs/common';
import { Match } from '@nats-io/nats-core';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { CurrentPrincipal, ScopeCheckedByHandler } from '../auth/credential.guard';
import type { Principal } from '../auth/principal';
import { NotJson } from '../nats/plain-request.deserializer';
import { RpcObserver } from '../observability/rpc-observer';
import { MalformedRequestError, NotFoundError } from '../problem-details';
import type { OperationResult } from './operation';
import { OperationRunner } from './operation-runner';

/**
 * Request/reply on NATS for partner services: `cnscd.<service>.cmd.<kind>` (for example
 * `cnscd.outreach.cmd.log-visit`), the same JSON body as over HTTP, the key in header `Authorization`;
 * `Prefer: respond-async` as over HTTP.
 */
export function natsCommandsController(service: string): Type {
  @Controller()
  @UseInterceptors(RpcObserver)
  class CommandsNatsController {
    constructor(readonly runner: OperationRunner) {}

    @MessagePattern(`cnscd.${service}.cmd.*`)
    @ScopeCheckedByHandler()
    run(
      @CurrentPrincipal() principal: Principal,
      @Payload() payload: unknown,
      @Ctx() ctx: NatsContext,
    ): Promise<OperationResult> {
      if (payload instanceof NotJson) throw new MalformedRequestError();
      const kind = ctx.getSubject().split('.').pop()!;
      const operation = this.runner.operations[kind];
      if (!operation) throw new NotFoundError(`command ${kind}`);
      const headers = ctx.getHeaders();
      // Header names are case-insensitive, as over HTTP: `Prefer` and `prefer` are one header.
      return this.runner.run(operation, principal, payload, {
        get: (name: string) => headers?.get(name, Match.IgnoreCase) || undefined,
      });
    }
  }
  return CommandsNatsController;
}
