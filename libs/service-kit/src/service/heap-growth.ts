import { setFlagsFromString } from 'node:v8';

/**
 * How far past what its last full collection kept a service's heap may grow before the next one, in
 * percent (V8's `--heap-growing-percent`). Left to itself, V8 picks a factor of up to 4 when collecting
 * looks cheap beside allocating — measured under the write-path benchmark, outreach's full collections
 * kept 50–72 MB while its heap reached 305 MB between them, and its RSS 410 MiB. At 20% its RSS peaked at
 * 217 MiB for the same CPU per command (docs/benchmarks.md, issue 17).
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * Bounds the heap's growth (`HEAP_GROWING_PERCENT`) unless the process was started with its own
 * `--heap-growing-percent`: an operator's choice wins. V8 reads the flag at every full collection, so
 * setting it as the service starts is in time. Answers whether it set it.
 */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg))) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
