import { setFlagsFromString } from 'node:v8';

/** The V8 flag, as an operator would pass it on the command line. */
export const FREE_COMPILE_JOBS_AT_ONCE = '--no-maglev-destroy-on-background';

/**
 * Maglev, V8's mid-tier optimising compiler (on by default since Node.js 22), compiles hot functions on
 * background threads and, by default, hands each finished job to yet another background task to be
 * freed. On two cores those tasks wait behind the compiles and the garbage collector's own, and the
 * finished jobs' memory piles up: outreach's malloc peak reached 23.9 MB in its first minute under load
 * (≈ 5 MB with the jobs freed on the main thread as each is installed), and glibc kept the pages —
 * 15–20 MiB more RSS for the process's whole life (issue 17: 202–212 MiB against 184–189 under the
 * write-path load, CPU per command the same; docs/benchmarks.md). This frees them at once.
 *
 * Set as the service starts, before its code is hot: V8 reads the flag as each job finishes. An operator
 * who passed `--maglev-destroy-on-background` (or its `no-` form) on the command line keeps that choice.
 * Answers whether it set it (never on a Node.js older than 24).
 */
export function freeCompileJobsAtOnce(
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
  nodeVersion: string = process.versions.node,
): boolean {
  // Node.js 20's V8 has no such flag (it prints "unrecognized flag"; `CNSCD_SYSTEM_NODE=1` may run it);
  // measured on 24, the project's runtime (decision 0016).
  if (Number(nodeVersion.split('.')[0]) < 24) return false;
  if (execArgv.some((arg) => /^--(no-)?maglev[-_]destroy[-_]on[-_]background/.test(arg))) return false;
  setFlags(FREE_COMPILE_JOBS_AT_ONCE);
  return true;
}
