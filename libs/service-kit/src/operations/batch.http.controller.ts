import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, ScopeCheckedByHandler } from '../auth/credential.guard';
import type { Principal } from '../auth/principal';
import type { ProblemDetails } from '../problem-details';
import { parseInput } from '../zod-input';
import { httpStatusOf, type OperationResult } from './operation';
import { runItemsAtOnce } from './items-at-once';
import { OperationRunner } from './operation-runner';
import { prefersRespondAsync, RESPOND_ASYNC } from './respond-async';

export const batchRequest = (kinds: readonly string[]) =>
  z
    .strictObject({
      items: z
        .array(z.strictObject({ kind: z.enum(kinds as [string, ...string[]]), input: z.unknown() }))
        .min(1)
        .max(200),
    })
    .meta({ id: 'BatchRequest' });

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
 * may have been applied: resend the whole batch, nothing is recorded twice). With `Prefer:
 * respond-async` the answer comes once every item is appended, without waiting for the read models.
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
    @Res({ passthrough: true }) res: Response,
  ) {
    const { items } = parseInput(batchRequest(Object.keys(this.runner.operations)), body);
    // Read-your-writes once for the batch, not after each item; the items run at once, in their order.
    const writes = this.runner.sequence();
    const outcomes = await runItemsAtOnce(items, (item) =>
      writes.run(this.runner.operations[item.kind]!, principal, item.input, headers),
    );
    if (prefersRespondAsync(headers)) res.setHeader('Preference-Applied', RESPOND_ASYNC);
    else await writes.settled();
    const results: BatchItemResult[] = outcomes.map((outcome, index) => {
      const kind = items[index]!.kind;
      return 'result' in outcome
        ? { index, kind, status: httpStatusOf(outcome.result), result: outcome.result }
        : { index, kind, status: outcome.problem.status, problem: outcome.problem };
    });
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
