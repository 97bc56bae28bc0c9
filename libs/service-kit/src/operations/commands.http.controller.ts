import { Body, Controller, Headers, Post, Res, type Type } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal, RequireScope } from '../auth/credential.guard';
import type { Principal } from '../auth/principal';
import { httpStatusOf, type Operation, type OperationResult, type RequestHeaders } from './operation';
import { OperationRunner } from './operation-runner';
import { prefersRespondAsync, RESPOND_ASYNC } from './respond-async';

export interface CommandRoute {
  /** Under `/v1/`, e.g. `merchants` or `adoptions/confirmations`. */
  readonly path: string;
  readonly operation: Operation<unknown, OperationResult>;
  /** A `Location` header for what the command created. */
  readonly location?: (result: OperationResult & Record<string, unknown>) => string;
}

/**
 * A command's HTTP status: 201 appended, 200 a resend or nothing to change; 202 instead of 201 for a
 * caller that sent `Prefer: respond-async` (appended, maybe not yet readable: RFC 7240 §4.1), told so
 * by `Preference-Applied`. For every route that runs a command, generated or hand-written.
 */
export function answerCommand(res: Response, result: OperationResult, headers: RequestHeaders): void {
  const async = prefersRespondAsync(headers);
  res.status(async && result.status === 'appended' ? 202 : httpStatusOf(result));
  if (async) res.setHeader('Preference-Applied', RESPOND_ASYNC);
}

/**
 * One POST route per operation: 201 when something new was recorded, 200 for a resend
 * (`Idempotent-Replayed: true`) or when nothing needed to change; 202 for a caller that prefers not to
 * wait for the read models (`answerCommand`). The routes are declared as data so that a service's HTTP
 * surface is the list of its operations, nothing more.
 */
export function commandsHttpController(routes: readonly CommandRoute[]): Type {
  @Controller('v1')
  class CommandsHttpController {
    constructor(readonly runner: OperationRunner) {}
  }
  const proto = CommandsHttpController.prototype as unknown as Record<string, unknown>;
  routes.forEach((route, i) => {
    const name = `${route.operation.kind.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}_${i}`;
    proto[name] = async function (
      this: CommandsHttpController,
      principal: Principal,
      body: unknown,
      headers: Record<string, string>,
      res: Response,
    ) {
      const result = await this.runner.run(route.operation, principal, body, headers);
      answerCommand(res, result, headers);
      if (result.status === 'duplicate') res.setHeader('Idempotent-Replayed', 'true');
      if (route.location) res.location(route.location(result as OperationResult & Record<string, unknown>));
      return result;
    };
    const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
    CurrentPrincipal()(proto, name, 0);
    Body()(proto, name, 1);
    Headers()(proto, name, 2);
    Res({ passthrough: true })(proto, name, 3);
    Post(route.path)(proto, name, descriptor);
    RequireScope(route.operation.scope)(proto, name, descriptor);
  });
  return CommandsHttpController;
}
