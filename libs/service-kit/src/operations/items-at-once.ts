import { toProblem, type ProblemDetails } from '../problem-details';
import type { OperationResult } from './operation';
import { writeSlots, type WriteSlots } from './write-slots';

/**
 * Items of one request (a batch's items, an import's rows) under way at once: their loads, decisions
 * and acknowledgements overlap, while the stream keeps their order (`writeSequence`). An append waits
 * for its fsync: raw JetStream appends gain two to three times from 1 writer to 32 on this machine
 * class, and little more from 32 to 256 (docs/benchmarks.md § The write path). Every request's items
 * together are bounded too (`writeSlots`).
 */
export const ITEMS_IN_FLIGHT = 32;

/** How one item ended: its result, or the problem a refusal (4xx) answered. */
export type ItemOutcome = { readonly result: OperationResult } | { readonly problem: ProblemDetails };

/**
 * Starts `run` for each item in order, at most `ITEMS_IN_FLIGHT` at once and each holding one of the
 * process's write slots (taken in the items' order: an item only ever waits for earlier ones, which
 * hold theirs, so the slots cannot deadlock), and answers each item's
 * outcome in the items' order. A refusal is that item's outcome; a server failure (5xx) starts no
 * further item and is thrown once those under way have ended (items before and beside it may be
 * applied: the caller sends the whole request again, and nothing is recorded twice).
 */
export async function runItemsAtOnce<T>(
  items: readonly T[],
  run: (item: T) => Promise<OperationResult>,
  slots: WriteSlots = writeSlots,
): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: { readonly err: unknown } | undefined;
  for (const [index, item] of items.entries()) {
    if (inFlight.size >= ITEMS_IN_FLIGHT) await Promise.race(inFlight);
    // Only the first item may be refused for a full queue: then nothing of the request is applied.
    await slots.take(index === 0);
    if (failure) {
      slots.release();
      break;
    }
    const one = (async () => run(item))().then(
      (result) => {
        outcomes[index] = { result };
      },
      (err: unknown) => {
        const problem = toProblem(err);
        if (problem.status >= 500) failure ??= { err };
        outcomes[index] = { problem };
      },
    );
    inFlight.add(one);
    void one.finally(() => {
      slots.release();
      inFlight.delete(one);
    });
  }
  await Promise.all(inFlight);
  if (failure) throw failure.err;
  return outcomes;
}
