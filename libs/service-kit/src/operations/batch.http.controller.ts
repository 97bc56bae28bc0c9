import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { CurrentPrincipal, ScopeCheckedByHandler } from '../auth/credential.guard';
import type { Principal } from '../auth/principal';
import { toProblem, type ProblemDetails } from '../problem-details';
import { parseInput } from '../zod-input';
import { httpStatusOf, type OperationResult } from './operation';
import { OperationRunner } from './operation-runner';

export const batchRequest = (kinds: readonly string[]) =>
  z
    .strictObject({
      items: z
        .array(z.strictObject({ kind: z.enum(kinds as [string, ...string[]]), input: z.unknown() }))
        .min(1)
        .max(200),
    })
    .meta({ id: 'BatchRequest' });

/**
 * Items of one batch under way at once: their loads, decisions and acknowledgements overlap, while the
 * stream keeps the batch's order (`writeSequence`). An append waits for its fsync; 32 at once is where
 * raw JetStream appends stop gaining on this machine class (docs/benchmarks.md § The write path).
 */
const ITEMS_IN_FLIGHT = 32;

export interface BatchItemResult {
  readonly index: number;
  readonly kind: string;
  /** The HTTP status the item would have had on its own route. */
  readonly status: number;
  readonly result?: OperationResult;
  readonly problem?: ProblemDetails;
}

/**
 * What a phone sends when it comes back online: everything recorded offline, in the order it was
 * recorded. Each item is one command, applied whole or not at all, and answered on its own; a failed
 * item does not stop the others. The items run at once, but reach the event stream in the batch's
 * order, and items on the same record one after the other. Resending the batch changes nothing (every
 * item has its command id).
 *
 * One convention for the batch's own status (docs/api.md): `207 Multi-Status` whenever the items were
 * run, whatever each answered — each has its own `status`, and `summary` counts them; `400` when the
 * batch itself is malformed (no item ran); `5xx` when the service failed on an item (others
 * may have been applied: resend the whole batch, nothing is recorded twice).
 */
@Controller('v1/batch')
export class BatchHttpController {
  constructor(private readonly runner: OperationRunner) {}

  @Post()
  @HttpCode(207)
  @ScopeCheckedByHandler()
  async run(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers() headers: Record<string, string>,
  ) {
    const { items } = parseInput(batchRequest(Object.keys(this.runner.operations)), body);
    const results: BatchItemResult[] = [];
    // Read-your-writes once for the batch, not after each item; the items run at once, in their order.
    const writes = this.runner.sequence();
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    for (const [index, item] of items.entries()) {
      if (inFlight.size >= ITEMS_IN_FLIGHT) await Promise.race(inFlight);
      if (failure) break;
      const one = writes.run(this.runner.operations[item.kind]!, principal, item.input, headers).then(
        (result) => {
          results[index] = { index, kind: item.kind, status: httpStatusOf(result), result };
        },
        (err: unknown) => {
          const problem = toProblem(err);
          if (problem.status >= 500) failure ??= err;
          results[index] = { index, kind: item.kind, status: problem.status, problem };
        },
      );
      inFlight.add(one);
      void one.finally(() => inFlight.delete(one));
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    await writes.settled();
    const count = (pred: (r: BatchItemResult) => boolean) => results.filter(pred).length;
    return {
      summary: {
        total: results.length,
        applied: count((r) => r.status === 201),
        alreadyApplied: count((r) => r.status === 200),
        failed: count((r) => r.status >= 400),
      },
      results,
    };
  }
}
