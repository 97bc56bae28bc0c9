import type { Principal } from '../auth/principal';
import type { Operation, OperationResult, RequestHeaders } from './operation';

/** Writes run one after another whose read-your-writes is waited for once (`OperationRunner.sequence`). */
export interface WriteSequence {
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
 * Many writes one after another (a batch's items, an import's rows), `run` without waiting for their
 * projections; read-your-writes once for all of them instead of after each. A write waits for the
 * earlier ones' projections only if it reads the service's read models first (`prepare`: a resident's
 * key, a household); `settled()` waits for the rest, before the answer.
 */
export function writeSequence(
  run: <R extends OperationResult>(
    operation: Operation<unknown, R>,
    principal: Principal,
    raw: unknown,
    headers: RequestHeaders,
  ) => Promise<R>,
  projected: (operation: Operation, position: number) => Promise<void>,
): WriteSequence {
  const unprojected = new Map<Operation, number>();
  const settled = async () => {
    const waits = [...unprojected].map(([operation, position]) => projected(operation, position));
    unprojected.clear();
    await Promise.all(waits);
  };
  return {
    run: async (operation, principal, raw, headers) => {
      if (operation.definition.prepare) await settled();
      const result = await run(operation, principal, raw, headers);
      const op = operation as Operation;
      unprojected.set(op, Math.max(unprojected.get(op) ?? 0, result.position));
      return result;
    },
    settled,
  };
}
