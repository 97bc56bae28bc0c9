import { readFileSync, readdirSync } from 'node:fs';

/** CPU seconds (user + system) in a process's `/proc/<pid>/stat` text. */
const cpuSecondsIn = (stat: string) => {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** CPU seconds (user + system) a process has used so far, from /proc. */
export const cpuSeconds = (pid: number): number => cpuSecondsIn(readFileSync(`/proc/${pid}/stat`, 'utf8'));

/** CPU seconds so far of every process of this name, by pid: one read of each process's stat. */
function cpuSecondsByPid(name: string): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === name)
        found.set(Number(entry), cpuSecondsIn(stat));
    } catch {
      // ended while the list was read
    }
  }
  return found;
}

/**
 * A counter of the CPU seconds every process of this name (`postgres`: the server and all its backends)
 * has used since the counter was made: each reading adds what each process used since the last one, and
 * a process started meanwhile counts whole. What a process that ended between two readings used after
 * the first of them is missed (a backend that disconnected, an autovacuum worker).
 */
export function cpuCounterOfAll(name: string): () => number {
  let last = cpuSecondsByPid(name);
  let total = 0;
  return () => {
    const now = cpuSecondsByPid(name);
    for (const [pid, seconds] of now) total += seconds - (last.get(pid) ?? 0);
    last = now;
    return total;
  };
}

/**
 * The whole machine's CPU time so far, every core (/proc/stat, in clock ticks): busy and in all. The
 * first eight columns (user to steal): the guest columns after them are already counted in user.
 */
function machineTicks(): { busy: number; all: number } {
  const ticks = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const all = ticks.reduce((a, b) => a + b, 0);
  return { busy: all - ticks[3]! - ticks[4]!, all }; // idle and iowait are not busy
}

/**
 * `work`'s result with the share of the machine's cores busy while it ran (0–1): whatever ran beside it
 * — every service, nats-server, PostgreSQL, the kernel's own threads, this benchmark's client.
 */
export async function withMachineBusy<T extends object>(
  work: () => Promise<T>,
): Promise<T & { machineBusy: number }> {
  const before = machineTicks();
  const result = await work();
  const after = machineTicks();
  return { ...result, machineBusy: (after.busy - before.busy) / (after.all - before.all) };
}
