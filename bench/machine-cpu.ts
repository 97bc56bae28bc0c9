import { readFileSync, readdirSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * A counter of the CPU seconds every process of this name (`postgres`: the server and all its backends)
 * has used since the counter was made: each reading adds what each process used since the last one, and
 * a process started meanwhile counts whole. What a process that ended between two readings used after
 * the first of them is missed (a backend that disconnected, an autovacuum worker).
 */
export function cpuCounterOfAll(name: string): () => number {
  const last = new Map<number, number>();
  let total = 0;
  const read = () => {
    const now = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === name)
          now.set(Number(entry), cpuSeconds(Number(entry)));
      } catch {
        // ended while the list was read
      }
    }
    return now;
  };
  for (const [pid, seconds] of read()) last.set(pid, seconds);
  return () => {
    const now = read();
    for (const [pid, seconds] of now) total += seconds - (last.get(pid) ?? 0);
    last.clear();
    for (const [pid, seconds] of now) last.set(pid, seconds);
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
