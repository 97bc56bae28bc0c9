import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './free-ports';

/**
 * Node.js options of every service process: a young generation of 2 × 16 MiB (decision 0016).
 * `SERVICE_NODE_OPTIONS` in scripts/ensure-node.mjs for `npm start` and the benchmarks, and the
 * container image's `NODE_OPTIONS`, are the same (project-node.int.spec.ts).
 */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=16';

const repoRoot = resolve(__dirname, '../../..');

export interface RunningService {
  readonly url: string;
  /** Everything the process wrote to stdout and stderr so far (across restarts). */
  logs(): string;
  /** True once the process has ended (of itself or killed) and was not started again. */
  exited(): boolean;
  /** The process id of the running process (benchmarks read its CPU time and memory from /proc). */
  pid(): number;
  /** SIGKILL, like a crash: no shutdown hooks, nothing flushed. */
  crash(): Promise<void>;
  /**
   * Starts the process again on the same port and environment; resolves once it is ready, or only
   * alive (`until: 'live'`) for a service expected to report itself degraded (it has parked events).
   */
  restart(options?: { until?: 'ready' | 'live' }): Promise<void>;
  stop(): Promise<void>;
}

export interface ServiceProcessOptions {
  entry: string;
  portVariable: string;
  env: Record<string, string>;
  readyTimeoutMs?: number;
  /** Options for node itself, before the entry (`--cpu-prof`, which NODE_OPTIONS may not carry). */
  nodeArgs?: readonly string[];
}

/**
 * Runs a service as its own process, exactly as `npm start` does (from the JavaScript in .build/, what
 * `scripts/build.mjs` compiled; a file edited since is compiled on load), on a free port, and waits
 * until `/health/ready` answers 200.
 */
export async function startService(options: ServiceProcessOptions): Promise<RunningService> {
  let port = await freePort();
  let output = '';
  let url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  const ended = () => hasEnded(child);
  const entryArgs = ['-r', resolve(repoRoot, 'scripts/built.cjs'), resolve(repoRoot, options.entry)];
  const launch = async ({ until = 'ready' }: { until?: 'ready' | 'live' } = {}) => {
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entryArgs], {
      cwd: repoRoot,
      env: {
        MALLOC_ARENA_MAX: '2', // as scripts/start.mjs and the containers run a service
        ...process.env,
        NODE_OPTIONS: SERVICE_NODE_OPTIONS, // not jest's options
        NO_COLOR: '1',
        [options.portVariable]: String(port),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${options.entry} exited with ${child.exitCode}:\n${output}`);
      const ready = await fetch(`${url}/health/${until}`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${options.entry} was not ready within the timeout:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await onAFreePort(launch, async () => {
    if (!output.includes('EADDRINUSE')) return false;
    [port, output] = [await freePort(), ''];
    url = `http://127.0.0.1:${port}`;
    return true;
  });
  return {
    url,
    logs: () => output,
    exited: ended,
    pid: () => child.pid!,
    crash: () => killed(child, 'SIGKILL'),
    restart: (restartOptions) => launch(restartOptions),
    stop: () => killed(child, 'SIGTERM'),
  };
}

/**
 * A service's first start. A port found free can still be taken before the service binds it, seconds
 * later (seen once in a full run: EADDRINUSE on a service's HTTP port): when `movedPort` says the start
 * failed so and a new port is chosen, it goes again (at most three starts). A restart keeps its port,
 * as a deployment's service does.
 */
async function onAFreePort(launch: () => Promise<void>, movedPort: () => Promise<boolean>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch();
    } catch (err) {
      if (attempt === 3 || !(await movedPort())) throw err;
    }
  }
}

/** Ends the process with `signal` (SIGKILL after 10 s), and resolves once it has exited. */
function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((done) => {
    if (hasEnded(child)) return done();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(killer), done()));
    child.kill(signal);
  });
}

/** Whether the process has ended: one ended by a signal has no exit code, only a signal code. */
function hasEnded(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
