import type { Provider, Type } from '@nestjs/common';
import { commandDoc, type RouteDoc } from '../openapi';
import { commandsHttpController } from './commands.http.controller';
import { DeciderOperationExecutor } from './decider-operation';
import type { HttpWrite, Operation, OperationResult } from './operation';
import { OPERATIONS, OperationRunner, operationRegistry, type OperationRegistry } from './operation-runner';

/** Any operation, whatever its input and result: a list of writes holds many kinds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOperation = Operation<any, any>;

/** What a service's one list of writes gives: the registry, the HTTP controller and the OpenAPI entries. */
export interface ServiceWrites {
  /** By kind: batches (`POST /v1/batch`), NATS subjects `cnscd.<service>.cmd.<kind>`, imports. */
  readonly registry: OperationRegistry;
  /** One POST route per write that has one. */
  readonly controller: Type;
  readonly docs: RouteDoc[];
  /** What the service's module provides for them: the runner, the registry, the one executor of writes. */
  readonly providers: Provider[];
}

/**
 * A service's writes, listed once: the operation registry, the HTTP routes and the OpenAPI document's
 * command entries are all derived from this list, so adding a write is its folder plus one line here.
 */
export function serviceWrites(writes: readonly AnyOperation[]): ServiceWrites {
  const routed = writes.filter((w): w is AnyOperation & { http: HttpWrite } => w.http !== undefined);
  const registry = operationRegistry(...(writes as Operation<unknown, OperationResult>[]));
  return {
    registry,
    providers: [OperationRunner, { provide: OPERATIONS, useValue: registry }, DeciderOperationExecutor],
    controller: commandsHttpController(
      routed.map((w) => ({
        path: w.http.path,
        operation: w as Operation<unknown, OperationResult>,
        ...(w.http.location ? { location: w.http.location } : {}),
      })),
    ),
    docs: routed.map((w) =>
      commandDoc(
        `/v1/${w.http.path}`,
        w.http.tag,
        w.http.summary,
        w.input,
        w.http.description,
        w.http.response,
      ),
    ),
  };
}
