import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { parseInput, requireScope, type Principal } from '@cnscd/service-kit';
import { confirmAdoption } from '../residents/confirm-adoption/confirm-adoption.operation';
import { changeConsent } from '../residents/change-consent/change-consent.operation';
import { eraseResident } from '../residents/erase-resident/erase-resident.operation';
import { moveResident } from '../residents/move-resident/move-resident.operation';
import { registerResident } from '../residents/register-resident/register-resident.operation';
import { retractAdoption } from '../residents/retract-adoption/retract-adoption.operation';
import { registerHousehold } from '../households/register-household.operation';
import { logVisit } from '../visits/log-visit/log-visit.handler';
import type { Operation, OperationResult, RequestHeaders } from './operation';

/** Every write of the outreach service, by kind: the batch endpoint, NATS and CSV imports look them up here. */
export const OPERATIONS: Readonly<Record<string, Operation>> = Object.fromEntries(
  [
    logVisit,
    registerHousehold,
    registerResident,
    changeConsent,
    moveResident,
    eraseResident,
    confirmAdoption,
    retractAdoption,
  ].map((op) => [op.kind, op as Operation]),
);

@Injectable()
export class OperationRunner {
  constructor(private readonly commands: CommandBus) {}

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
