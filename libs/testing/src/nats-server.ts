import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-ports';

const repoRoot = resolve(__dirname, '../../..');

/** A user of the bus as deploy/nats/permissions.conf defines it, and where its password comes from. */
export interface BusUser {
  readonly user: string;
  /** The environment variable the server reads the password from. */
  readonly passwordVariable: string;
}

/** The bus users of deploy/nats/permissions.conf (the one place they are defined). */
export function busUsers(): BusUser[] {
  const conf = readFileSync(join(repoRoot, 'deploy/nats/permissions.conf'), 'utf8');
  return [...conf.matchAll(/user: (\w+), password: \$(\w+)/g)].map((m) => ({
    user: m[1]!,
    passwordVariable: m[2]!,
  }));
}

/**
 * nats-server parses a variable's value as configuration, so a password starting with a digit would
 * not load: the value is given as a quoted string (production puts a bcrypt hash in the quotes).
 */
export const busPasswordValue = (password: string): string => JSON.stringify(password);

/** What a client needs to connect as one bus user (options for `connect` of @nats-io/transport-node). */
export interface BusConnection {
  readonly servers: string;
  readonly user: string;
  readonly pass: string;
  /** Replies come back under this prefix, the only inboxes the user may subscribe to. */
  readonly inboxPrefix: string;
}

/** What a deployment needs of its bus, one server or a cluster (nats-cluster.ts). */
export interface NatsBus {
  /** The servers' URLs, comma-separated (`NATS_URL`). */
  readonly url: string;
  /** The password of each bus user, generated for this bus. */
  readonly passwords: Readonly<Record<string, string>>;
  /** Connection options for a bus user (`ops`, the default, may do everything). */
  as(user?: string): BusConnection;
  /** Replicas of the streams created on it (`EVENT_STREAM_REPLICAS`): 1, or 3 on a cluster. */
  readonly replicas: number;
  stop(): Promise<void>;
}

export interface RunningNats extends NatsBus {
  readonly port: number;
  readonly storeDir: string;
  /** The server's process id (benchmarks read its CPU time and memory from /proc). */
  pid(): number;
  /** Kill the server (SIGKILL: no graceful shutdown, like a crash) and start it again on the same store. */
  restart(): Promise<void>;
  /** Kill the server (SIGKILL) and leave it down; `start()` brings it back on the same port and store. */
  crash(): Promise<void>;
  /**
   * Freeze the server (SIGSTOP): connections stay open and nothing is answered — a stalled server, as
   * under a disk that stops responding. `thaw()` lets it go on where it stopped (SIGCONT).
   */
  freeze(): void;
  thaw(): void;
  start(): Promise<void>;
}

/**
 * nats-server's garbage-collector target, as every launcher sets it (decision 0023): `NATS_SERVER_GOGC`
 * in scripts/ensure-nats-server.mjs for `npm start`, and the compose files, are the same
 * (nats-gogc.int.spec.ts). A `GOGC` in the tests' environment wins.
 */
export const NATS_SERVER_GOGC = '25';

/** The nats-server binary (>= 2.10) that scripts/ensure-nats-server.mjs found or fetched. */
export function natsServerBinary(): string {
  if (process.env.CNSCD_NATS_SERVER) return process.env.CNSCD_NATS_SERVER;
  const bin = execFileSync(process.execPath, [join(repoRoot, 'scripts/ensure-nats-server.mjs'), '--print'], {
    encoding: 'utf8',
  }).trim();
  process.env.CNSCD_NATS_SERVER = bin;
  return bin;
}

/** Sends the signal and resolves once the process has exited (at once if it is not running). */
async function stopProcess(c: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!c || c.exitCode !== null) return;
  await new Promise<void>((done) => {
    c.once('exit', () => done());
    c.kill(signal);
  });
}

/**
 * Resolves once the server has logged every line of `readyLines` (in any order); fails with its log if
 * it exits or takes over `timeoutMs`.
 */
function ready(
  child: ChildProcess,
  port: number,
  log: () => string,
  readyLines: string[],
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((resolve, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`nats-server did not start on ${port}:\n${log()}`)),
      timeoutMs,
    );
    const seen = new Set<string>();
    const onData = () => {
      for (const line of readyLines) if (log().includes(line)) seen.add(line);
      if (seen.size < readyLines.length) return;
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      resolve();
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`nats-server exited with ${code}:\n${log()}`));
    });
  });
}

/** A password for each bus user, and the environment that gives them to nats-server. */
export function busEnvironment(): { passwords: Record<string, string>; env: NodeJS.ProcessEnv } {
  const users = busUsers();
  const passwords = Object.fromEntries(users.map((u) => [u.user, randomBytes(18).toString('hex')]));
  const env = {
    ...process.env,
    ...Object.fromEntries(users.map((u) => [u.passwordVariable, busPasswordValue(passwords[u.user]!)])),
  };
  return { passwords, env };
}

/** Connection options for a bus user (`ops` by default) of the servers at `url`. */
export const busConnection =
  (url: string, passwords: Readonly<Record<string, string>>) =>
  (user = 'ops'): BusConnection => {
    const pass = passwords[user];
    if (!pass) throw new Error(`No bus user ${user} in deploy/nats/permissions.conf`);
    return { servers: url, user, pass, inboxPrefix: `_INBOX_${user}` };
  };

/** What a server's log keeps: a cluster's routes alone log a few thousand characters at a start. */
const LOG_KEPT = 16_000;
/** How long a server with a fresh (or a test's small) store may take to be ready. */
const START_TIMEOUT_MS = 10_000;
/**
 * How long a server may take on a kept store: it restores each stream before it is ready, in time that
 * grows with the stream — the province benchmark's 10,000,000 messages took over 10 s on the first
 * start after they were seeded (3 s on the next, from the operating system's cache).
 */
const KEPT_STORE_START_TIMEOUT_MS = 300_000;

/** One nats-server process that can be started, signalled and started again with the same arguments. */
export function natsProcess(
  bin: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  port: number,
  startTimeoutMs = START_TIMEOUT_MS,
) {
  let child: ChildProcess | undefined;
  let log = '';
  // "Server is ready" comes once clients can connect; a cluster's route port is bound after it, and a
  // server that cannot bind it exits then: a node is up once it listens for routes too.
  const readyLines = [
    'Server is ready',
    ...(args.includes('--cluster') ? ['Listening for route connections'] : []),
  ];
  return {
    launch: async (): Promise<void> => {
      log = '';
      child = spawn(bin, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { GOGC: NATS_SERVER_GOGC, ...env },
      });
      child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-LOG_KEPT)));
      await ready(child, port, () => log, readyLines, startTimeoutMs);
    },
    /** The last `LOG_KEPT` characters the server logged since it was last launched. */
    log: () => log,
    /** Sends the signal and resolves once the process has exited. */
    kill: (signal: NodeJS.Signals) => stopProcess(child, signal),
    /** Sends the signal and goes on (SIGSTOP, SIGCONT). */
    signal: (signal: NodeJS.Signals) => void child?.kill(signal),
    pid: () => child!.pid!,
  };
}

/**
 * Starts a real nats-server with JetStream on a free port and a temporary store, using the
 * project's own configuration (deploy/nats/nats-server.conf: fsync before every ack). Given a
 * `storeDir`, it uses that one and keeps it on stop (a benchmark seeds a large stream once and reuses it).
 */
export async function startNatsServer(options: { storeDir?: string } = {}): Promise<RunningNats> {
  const storeDir = options.storeDir ?? mkdtempSync(join(tmpdir(), 'cnscd-nats-'));
  const port = await freePort();
  const { passwords, env } = busEnvironment();
  const config = join(repoRoot, 'deploy/nats/nats-server.conf');
  const args = ['-c', config, '-a', '127.0.0.1', '-p', String(port), '-m', '-1', '-sd', storeDir, '-js'];
  const startTimeoutMs = options.storeDir ? KEPT_STORE_START_TIMEOUT_MS : START_TIMEOUT_MS;
  const server = natsProcess(natsServerBinary(), args, env, port, startTimeoutMs);

  await server.launch();
  const url = `nats://127.0.0.1:${port}`;
  return {
    url,
    passwords,
    replicas: 1,
    as: busConnection(url, passwords),
    port,
    storeDir,
    pid: server.pid,
    restart: async () => {
      await server.kill('SIGKILL');
      await server.launch();
    },
    crash: () => server.kill('SIGKILL'),
    freeze: () => server.signal('SIGSTOP'),
    thaw: () => server.signal('SIGCONT'),
    start: server.launch,
    stop: async () => {
      server.signal('SIGCONT'); // a frozen server would hold SIGTERM until thawed
      await server.kill('SIGTERM');
      if (!options.storeDir) rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
