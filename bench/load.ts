import { percentile, seconds } from './timing';

/** Load shapes for the write-path benchmark: a closed loop of writers, and an open loop at a fixed rate. */
export interface Run {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
  /** Why calls failed, by reason (a thrown error's code or message; `wrong answer` for a false). */
  readonly failures: Readonly<Record<string, number>>;
}

/** Counts failed calls by reason. */
function failureTally() {
  const failures: Record<string, number> = {};
  const add = (reason: string) => (failures[reason] = (failures[reason] ?? 0) + 1);
  return {
    failures,
    /** Runs one call: true if it answered as expected; a false or a throw is tallied. */
    call: (one: () => Promise<boolean>): Promise<boolean> =>
      one().then(
        (ok) => ok || (add('wrong answer'), false),
        (err: Error & { code?: string }) => (add(err.code ?? err.message), false),
      ),
  };
}

/**
 * `total` calls of `one`, `concurrency` at a time; throughput and latency percentiles. A call that
 * throws counts as failed, as one that answers wrong does: an overloaded deployment is a result.
 */
export async function closedLoop(
  total: number,
  concurrency: number,
  one: () => Promise<boolean>,
): Promise<Run> {
  const ms: number[] = [];
  const tally = failureTally();
  let next = 0;
  let failed = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t = process.hrtime.bigint();
        if (!(await tally.call(one))) failed += 1;
        ms.push(seconds(t) * 1000);
      }
    }),
  );
  return {
    perSecond: total / seconds(start),
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    failed,
    failures: tally.failures,
  };
}

/** Requests started at `rate` per second for `durationS`, whatever the answers: an open loop. */
export async function fixedRate(rate: number, durationS: number, one: () => Promise<boolean>) {
  const ms: number[] = [];
  const tally = failureTally();
  let failed = 0;
  const start = process.hrtime.bigint();
  const total = rate * durationS;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = (i / rate) * 1000;
    const wait = due - seconds(start) * 1000;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      // A call that throws (a connection refused or timed out under overload) counts as failed.
      tally.call(one).then((ok) => {
        if (!ok) failed += 1;
        // From when the request was due: a client that cannot send on time is waiting too.
        ms.push(seconds(start) * 1000 - due);
      }),
    );
  }
  await Promise.all(inFlight);
  const achieved = total / seconds(start);
  return {
    rate,
    achieved,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    failed,
    failures: tally.failures,
  };
}
