import { percentile, seconds } from './timing';

/** Load shapes for the write-path benchmark: a closed loop of writers, and an open loop at a fixed rate. */
export interface Run {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
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
  let next = 0;
  let failed = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t = process.hrtime.bigint();
        if (!(await one().catch(() => false))) failed += 1;
        ms.push(seconds(t) * 1000);
      }
    }),
  );
  return { perSecond: total / seconds(start), p50: percentile(ms, 50), p99: percentile(ms, 99), failed };
}

/** Requests started at `rate` per second for `durationS`, whatever the answers: an open loop. */
export async function fixedRate(rate: number, durationS: number, one: () => Promise<boolean>) {
  const ms: number[] = [];
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
      one()
        .catch(() => false)
        .then((ok) => {
          if (!ok) failed += 1;
          // From when the request was due: a client that cannot send on time is waiting too.
          ms.push(seconds(start) * 1000 - due);
        }),
    );
  }
  await Promise.all(inFlight);
  const achieved = total / seconds(start);
  return { rate, achieved, p50: percentile(ms, 50), p99: percentile(ms, 99), failed };
}
