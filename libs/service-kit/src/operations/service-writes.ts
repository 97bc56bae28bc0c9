import type { Provider, Type } from '@nestjs/common';
import type { z } from 'zod';
import { commandDoc, type RouteDoc } from '../openapi';
import { commandsHttpController } from './commands.http.controller';
import type { Operation, OperationResult } from './operation';
import { DeciderOperationHandler } from './decider-operation';
import { OPERATIONS, OperationRunner, operationRegistry, type OperationRegistry } from './operation-runner';

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

/** Any operation, whatever its input and result: a list of writes holds many kinds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOperation = Operation<any, any>;

/** One write of a service: the operation (input, scope, decision) and, if it has one, its HTTP route. */
export interface ServiceWrite {
  readonly operation: AnyOperation;
  readonly http?: HttpWrite;
}

/** What a service's one list of writes gives: the registry, the HTTP controller and the OpenAPI entries. */
export interface ServiceWrites {
  /** By kind: batches (`POST /v1/batch`), NATS subjects `cnscd.<service>.cmd.<kind>`, imports. */
  readonly registry: OperationRegistry;
  /** One POST route per write that has one. */
  readonly controller: Type;
  readonly docs: RouteDoc[];
  /** What the service's module provides for them: the runner, the registry, the decider operations' handler. */
  readonly providers: Provider[];
}

/**
 * A service's writes, listed once: the operation registry, the HTTP routes and the OpenAPI document's
 * command entries are all derived from this list, so adding a write is one entry here plus its folder.
 */
export function serviceWrites(writes: readonly ServiceWrite[]): ServiceWrites {
  const routed = writes.filter((w): w is ServiceWrite & { http: HttpWrite } => w.http !== undefined);
  const registry = operationRegistry(
    ...writes.map((w) => w.operation as Operation<unknown, OperationResult>),
  );
  return {
    registry,
    providers: [OperationRunner, { provide: OPERATIONS, useValue: registry }, DeciderOperationHandler],
    controller: commandsHttpController(
      routed.map((w) => ({
        path: w.http.path,
        operation: w.operation as Operation<unknown, OperationResult>,
        ...(w.http.location ? { location: w.http.location } : {}),
      })),
    ),
    docs: routed.map((w) =>
      commandDoc(
        `/v1/${w.http.path}`,
        w.http.tag,
        w.http.summary,
        w.operation.input,
        w.http.description,
        w.http.response,
      ),
    ),
  };
}
