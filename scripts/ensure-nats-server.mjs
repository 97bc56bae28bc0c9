#!/usr/bin/env node
// Finds a nats-server >= 2.10 (docs/mission/ARCHITECTURE.md §1), or fetches Debian trixie's package into .tools/.
// Nothing is changed system-wide (scripts/debian-package.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchDebianPackage } from './debian-package.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools', 'nats-server');
const localBinary = join(toolsDir, 'usr', 'sbin', 'nats-server');
const MIN = [2, 10, 0];
const DEBIAN_PACKAGE = 'nats-server=2.10.27-1+b2';

export function natsServerVersion(binary) {
  try {
    const out = execFileSync(binary, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(out);
    return m ? m.slice(1, 4).map(Number) : null;
  } catch {
    return null;
  }
}

const atLeast = (v, min) =>
  v[0] !== min[0] ? v[0] > min[0] : v[1] !== min[1] ? v[1] > min[1] : v[2] >= min[2];
const show = (v) => v.join('.');

function onPath() {
  try {
    return execFileSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Returns the path of a nats-server binary, >= 2.10 unless only an older one could be found. */
export function ensureNatsServer({ log = console.error } = {}) {
  const candidates = [process.env.CNSCD_NATS_SERVER, localBinary, onPath()].filter(Boolean);
  for (const bin of candidates) {
    const v = existsSync(bin) ? natsServerVersion(bin) : null;
    if (v && atLeast(v, MIN)) return bin;
  }
  log(
    `cnscd: no nats-server >= ${show(MIN)} found; fetching ${DEBIAN_PACKAGE} from Debian trixie into .tools/ …`,
  );
  try {
    fetchDebianPackage(DEBIAN_PACKAGE, { suite: 'trixie', into: toolsDir });
    const v = natsServerVersion(localBinary);
    if (v && atLeast(v, MIN)) {
      log(`cnscd: nats-server ${show(v)} ready at ${localBinary}`);
      return localBinary;
    }
    throw new Error(`unpacked binary reports ${v ? show(v) : 'no version'}`);
  } catch (err) {
    const fallback = candidates.find((bin) => existsSync(bin) && natsServerVersion(bin));
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (!fallback) {
      throw new Error(
        `cnscd: cannot obtain nats-server >= ${show(MIN)} (${reason}). Install one on PATH, ` +
          `or set CNSCD_NATS_SERVER to its path, or allow access to deb.debian.org.`,
      );
    }
    const v = natsServerVersion(fallback);
    log(
      '\n' +
        '!'.repeat(78) +
        '\n' +
        `!! WARNING: could not fetch nats-server >= ${show(MIN)} (${reason}).\n` +
        `!! Falling back to ${fallback} (${show(v)}). Single-server semantics stay correct, but\n` +
        `!! nats-server < 2.10 syncs to disk only every 60 s: an acknowledged event can be lost in a crash.\n` +
        '!'.repeat(78) +
        '\n',
    );
    return fallback;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const bin = ensureNatsServer();
    if (process.argv.includes('--print')) console.log(bin);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
