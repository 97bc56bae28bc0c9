import { z } from 'zod';
import { InputValidationError, type ProblemDetails } from '../problem-details';
import { runItemsAtOnce } from '../operations/items-at-once';
import { httpStatusOf, type OperationResult } from '../operations/operation';

/** A row of an imported file at fault: its line (1 = the header), its column, and why. */
export interface RowError {
  readonly line: number;
  readonly column: string;
  readonly reason: string;
}

/** The body of an import: CSV text, or a 400 that says how to send it. */
export function csvText(body: unknown): string {
  if (typeof body === 'string' && body.length > 0) return body;
  throw new InputValidationError([
    {
      pointer: '#/',
      detail: 'Gửi tệp CSV với Content-Type: text/csv / Send the CSV file with Content-Type: text/csv',
    },
  ]);
}

export const byLine = (errors: readonly RowError[]) => [...errors].sort((a, b) => a.line - b.line);

/** What applying an import's valid rows came to: each row's status, as an HTTP answer would give it. */
export interface AppliedRows {
  readonly applied: number;
  readonly alreadyApplied: number;
  readonly results: { line: number; status: number }[];
}

/**
 * Applies an import's valid rows, each as the operation its caller runs, several at once in the file's
 * order (`runItemsAtOnce`). A row refused (a 4xx) is reported through `refused` and the import goes on;
 * a server failure stops it (the file can be sent again: rows already applied answer "already applied").
 */
export async function applyRows<R extends { readonly line: number }>(
  rows: readonly R[],
  apply: (row: R) => Promise<OperationResult>,
  refused: (row: R, problem: ProblemDetails) => void,
): Promise<AppliedRows> {
  const outcomes = await runItemsAtOnce(rows, apply);
  const results = outcomes.map((outcome, i) => {
    if ('result' in outcome) return { line: rows[i]!.line, status: httpStatusOf(outcome.result) };
    refused(rows[i]!, outcome.problem);
    return { line: rows[i]!.line, status: outcome.problem.status };
  });
  const count = (status: number) => results.filter((r) => r.status === status).length;
  return { applied: count(201), alreadyApplied: count(200), results };
}

/** `?dryRun=true` checks every row and applies none. */
export const ImportParams = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') });
