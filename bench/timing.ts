/** Seconds since `start` (`process.hrtime.bigint()`). */
export const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export const percentile = (xs: readonly number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

/** p50 and p95 in ms of `runs` reads, after one warm-up. */
export async function timed(
  runs: number,
  read: () => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  await read();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await read();
    ms.push(seconds(start) * 1000);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}
