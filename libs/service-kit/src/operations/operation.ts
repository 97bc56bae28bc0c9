import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { commandContext } from '../http/command-context';
import type { AnyDeciderOperation } from './decider-operation';

export type RequestHeaders = Parameters<typeof commandContext>[3];

/** What every command answers: the command id, where it landed, and whether it changed anything. */
export interface OperationResult {
  readonly commandId: string;
  readonly position: number;
  /** `appended`: new events; `duplicate`: this command id was handled before (the original result); `unchanged`: nothing needed to change. */
  readonly status: 'appended' | 'duplicate' | 'unchanged';
}

/** How a write is offered over HTTP: its route under `/v1/` and what its OpenAPI entry says. */
export interface HttpWrite {
  /** Under `/v1/`, e.g. `villages/renames`. */
  readonly path: string;
  readonly tag: string;
  /** Vietnamese first, then English: "… / …". */
  readonly summary: string;
  readonly description: string;
  /** The answer's schema, when it carries more than the command's own result. */
  readonly response?: z.ZodType;
  /** A `Location` header for what the command created. */
  readonly location?: (result: OperationResult & Record<string, unknown>) => string;
}

/**
 * One write the service offers, whatever the transport: its input schema, the permission it needs and
 * its definition (made by `deciderOperation`). HTTP routes, the offline batch endpoint, NATS and CSV
 * imports all run the same operations, so validation and rules cannot drift apart.
 */
export interface Operation<Input = unknown, Result extends OperationResult = OperationResult> {
  readonly kind: string;
  readonly scope: string;
  readonly input: z.ZodType<Input>;
  readonly http?: HttpWrite;
  readonly definition: AnyDeciderOperation;
  /** What the command is about (the aggregate's id), for the audit trail of refusals. */
  target?(input: Input, principal: Principal): string;
  /** Never set: carries the result type for callers of `OperationRunner.run`. */
  readonly __result?: Result;
}

export const httpStatusOf = (result: OperationResult): 200 | 201 =>
  result.status === 'appended' ? 201 : 200;
