// Small helpers shared by scripts/start.mjs, scripts/test.mjs and scripts/bench.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Installs dependencies from the lockfile when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('cnscd: installing dependencies (npm ci) …');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci failed: see the output above');
}

export function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((done) => {
    const socket = createConnection({ port, host });
    const finish = (ok) => (socket.destroy(), done(ok));
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export async function waitFor(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`cnscd: ${what} did not become ready within ${timeoutMs / 1000} s`);
}

/** Builds the web app (services/web/dist) when it is missing or older than its sources. */
export function ensureWebBuild() {
  const app = join(root, 'services', 'web', 'app');
  const built = join(root, 'services', 'web', 'dist', 'index.html');
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  const sources = Math.max(newest(app), statSync(join(root, 'services', 'web', 'vite.config.mjs')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.error('cnscd: building the web app (vite) …');
  const r = spawnSync('npx', ['vite', 'build', '-c', 'services/web/vite.config.mjs'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('cnscd: the web app did not build: see the output above');
}

/**
 * `count` distinct TCP ports nobody listens on now, below the system's ephemeral range and all held
 * while they are chosen. A port chosen by the OS (port 0) and closed again can be taken before its
 * server binds it — by a nats-server's random monitoring port or a service's outgoing connection — as
 * a test's port once was; below that range only a port chosen by number can (libs/testing's
 * free-ports.ts does the same for the tests).
 */
export async function freePorts(count) {
  const floor = existsSync('/proc/sys/net/ipv4/ip_local_port_range')
    ? Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0])
    : 32_768; // not Linux: IANA's dynamic range starts higher
  const span = floor - 12_000;
  const start = Math.floor(Math.random() * span);
  const held = [];
  for (let i = 0; held.length < count && i < span; i++) {
    const server = await listening(12_000 + ((start + i) % span));
    if (server) held.push(server);
  }
  if (held.length < count) throw new Error(`cnscd: no ${count} free ports below ${floor}`);
  const ports = held.map((server) => server.address().port);
  await Promise.all(held.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/** A server listening on the loopback interface at `port`, or undefined if the port is taken. */
function listening(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(undefined));
    server.listen(port, '127.0.0.1', () => done(server));
  });
}
