import type { Command } from '@nestjs/cqrs';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { commandContext } from '../http/command-context';

export type RequestHeaders = Parameters<typeof commandContext>[3];

/** What every command answers: the command id, where it landed, and whether it changed anything. */
export interface OperationResult {
  readonly commandId: string;
  readonly position: number;
  /** `appended`: new events; `duplicate`: this command id was handled before (the original result); `unchanged`: nothing needed to change. */
  readonly status: 'appended' | 'duplicate' | 'unchanged';
}

/**
 * One write the service offers, whatever the transport: its input schema, the permission it needs and
 * the command it becomes. HTTP routes, the offline batch endpoint and CSV imports all run the same
 * operations, so validation and rules cannot drift apart.
 */
export interface Operation<Input = unknown, Result extends OperationResult = OperationResult> {
  readonly kind: string;
  readonly scope: string;
  readonly input: z.ZodType<Input>;
  toCommand(principal: Principal, input: Input, headers: RequestHeaders): Command<Result>;
  /** What the command is about (the aggregate's id), for the audit trail of refusals. */
  target?(input: Input, principal: Principal): string;
}

export const httpStatusOf = (result: OperationResult): 200 | 201 =>
  result.status === 'appended' ? 201 : 200;
