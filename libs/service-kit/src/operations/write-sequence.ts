import { AppendOrder, type AppendTurn } from '@cnscd/event-store';
import type { Principal } from '../auth/principal';
import type { Operation, OperationResult, RequestHeaders } from './operation';

/** Writes given in an order, run at once, that reach the stream in that order (`OperationRunner.sequence`). */
export interface WriteSequence {
  /** Starts the next write; may be called again before it resolves (the stream keeps the calls' order). */
  run<R extends OperationResult>(
    operation: Operation<unknown, R>,
    principal: Principal,
    raw: unknown,
    headers: RequestHeaders,
  ): Promise<R>;
  /** Resolves once every write so far is in its projection. */
  settled(): Promise<void>;
}

/**
 * Many writes in a given order (a batch's items, an import's rows). They may run at once: each takes
 * its turn in an `AppendOrder`, so the stream holds them in the order `run` was called, and writes on
 * the same aggregate still run one after the other. None waits for its projection; read-your-writes is
 * waited for once, by `settled()`, before the answer. A write whose `prepare` reads the service's read
 * models (a resident's current details, a household) waits for every earlier write and its projection;
 * one that only derives a key from a secret (`readsReadModels: false`) does not.
 */
export function writeSequence(
  run: <R extends OperationResult>(
    operation: Operation<unknown, R>,
    principal: Principal,
    raw: unknown,
    headers: RequestHeaders,
    turn: AppendTurn,
  ) => Promise<R>,
  projected: (operation: Operation, position: number) => Promise<void>,
): WriteSequence {
  const order = new AppendOrder();
  const unprojected = new Map<Operation, number>();
  // Resolves once every write started so far has ended, however it ended.
  let allEnded: Promise<unknown> = Promise.resolve();
  const projectedSoFar = async () => {
    const waits = [...unprojected].map(([operation, position]) => projected(operation, position));
    unprojected.clear();
    await Promise.all(waits);
  };
  const runInTurn = async <R extends OperationResult>(
    operation: Operation<unknown, R>,
    args: [principal: Principal, raw: unknown, headers: RequestHeaders],
    turn: AppendTurn,
    earlierEnded: Promise<unknown>,
  ): Promise<R> => {
    try {
      if (operation.definition.prepare && operation.definition.prepare.readsReadModels !== false) {
        await earlierEnded;
        await projectedSoFar();
      }
      const result = await run(operation, ...args, turn);
      const op = operation as Operation;
      unprojected.set(op, Math.max(unprojected.get(op) ?? 0, result.position));
      return result;
    } finally {
      turn.finish();
    }
  };
  return {
    run: (operation, principal, raw, headers) => {
      const write = runInTurn(operation, [principal, raw, headers], order.next(), allEnded);
      const ended = write.then(
        () => undefined,
        () => undefined,
      );
      allEnded = Promise.all([allEnded, ended]);
      return write;
    },
    settled: async () => {
      await allEnded;
      await projectedSoFar();
    },
  };
}
