import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { requireScope, type Principal } from '../auth/api-keys';
import { parseInput } from '../zod-input';
import type { Operation, OperationResult, RequestHeaders } from './operation';

/** The service's writes by kind (`log-visit`, `register-merchant`, …): batches, NATS and imports look them up here. */
export const OPERATIONS = Symbol('OPERATIONS');
export type OperationRegistry = Readonly<Record<string, Operation>>;

export const operationRegistry = (...operations: Operation<unknown, OperationResult>[]): OperationRegistry =>
  Object.fromEntries(operations.map((op) => [op.kind, op as Operation]));

@Injectable()
export class OperationRunner {
  constructor(
    private readonly commands: CommandBus,
    @Inject(OPERATIONS) readonly operations: OperationRegistry,
  ) {}

  /** Checks the permission, validates the input, and runs the operation's command. */
  run<R extends OperationResult>(
    operation: Operation<unknown, R>,
    principal: Principal,
    raw: unknown,
    headers: RequestHeaders,
  ): Promise<R> {
    requireScope(principal, operation.scope);
    return this.commands.execute(operation.toCommand(principal, parseInput(operation.input, raw), headers));
  }
}
