import { setFlagsFromString } from 'node:v8';

/**
 * How far past what its last full collection kept a service's heap may grow before the next one, in
 * percent (V8's `--heap-growing-percent`), unless its `HEAP_GROWING_PERCENT` says otherwise. Left to itself, V8 picks a factor of up to 4 when collecting
 * looks cheap beside allocating — measured under the write-path benchmark, outreach's full collections
 * kept 50–72 MB while its heap reached 305 MB between them, and its RSS 410 MiB. At 20% its RSS peaked at
 * 212–216 MiB for the same CPU per command (docs/benchmarks.md, issue 17).
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * A service's bound on its heap's growth (`HEAP_GROWING_PERCENT`), and the one job that runs without it:
 * an indicators rebuild, which allocates for minutes on end and read the stream ≈ 18% slower under the
 * bound (1,000,000 events, four alternating runs each way; docs/benchmarks.md).
 */
export class HeapGrowth {
  private bounded: number | undefined;
  private unboundedJobs = 0;

  constructor(private readonly setFlags: (flags: string) => void = setFlagsFromString) {}

  /**
   * Bounds the heap's growth to `percent` (the service's `HEAP_GROWING_PERCENT`; 0: V8's own growth)
   * unless the process was started with its own `--heap-growing-percent`: an operator's choice wins.
   * V8 reads the flag at every full collection, so setting it as the service starts is in time.
   * Answers whether it set it.
   */
  bound(percent: number, execArgv: readonly string[] = process.execArgv): boolean {
    if (percent === 0 || execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg))) return false;
    this.setFlags(`--heap-growing-percent=${percent}`);
    this.bounded = percent;
    return true;
  }

  /** Runs `job` with V8's own growth (0: its dynamic factor), the bound back once no such job runs. */
  async unboundedWhile<T>(job: () => Promise<T>): Promise<T> {
    const percent = this.bounded;
    if (percent === undefined) return job();
    if (this.unboundedJobs++ === 0) this.setFlags('--heap-growing-percent=0');
    try {
      return await job();
    } finally {
      if (--this.unboundedJobs === 0) this.setFlags(`--heap-growing-percent=${percent}`);
    }
  }
}

/** The process's one `HeapGrowth`: `runService` bounds it, a rebuild lifts it while it runs. */
export const heapGrowth = new HeapGrowth();
