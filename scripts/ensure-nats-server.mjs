#!/usr/bin/env node
// Finds a nats-server >= 2.10 (docs/mission/ARCHITECTURE.md §1), or fetches Debian's package into .tools/:
// 2.15.1 from forky (decision 0018), 2.10.27 from trixie when that can no longer be had. Nothing is
// changed system-wide (scripts/debian-package.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchDebianPackage } from './debian-package.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools', 'nats-server');
const localBinary = join(toolsDir, 'usr', 'sbin', 'nats-server');
const MIN = [2, 10, 0];
/**
 * What is fetched, tried in turn. Debian keeps only each suite's current version, so a pinned version
 * of testing (forky) or unstable (sid) disappears when the suite moves on; trixie's stays as long as
 * trixie is stable, and 2.10 is the oldest the product supports (decision 0018 says why 2.15 first).
 */
const SOURCES = [
  { suite: 'forky', pkg: 'nats-server=2.15.1-1' },
  { suite: 'sid', pkg: 'nats-server=2.15.1-1' },
  { suite: 'trixie', pkg: 'nats-server=2.10.27-1+b2' },
];
/**
 * Written beside a fetch: the SOURCES it was fetched by. A `.tools/` copy is used as it is while they
 * stay the same (even when only trixie's could be had: not asked of Debian again at every start), and
 * fetched again once they change.
 */
const fetchedBy = join(toolsDir, 'fetched-by.json');
const SOURCES_NOW = JSON.stringify(SOURCES);
const fetchedByNow = () => existsSync(fetchedBy) && readFileSync(fetchedBy, 'utf8') === SOURCES_NOW;
/**
 * Go's collector target for nats-server (`GOGC`; decision 0023): the heap may grow 25% past what the
 * last collection kept, not Go's 100%. Every launcher sets it — `npm start`, the tests' servers
 * (libs/testing's nats-server.ts) and the compose files, kept equal by nats-gogc.int.spec.ts — and a
 * `GOGC` already in the environment wins.
 */
export const NATS_SERVER_GOGC = '25';

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

/** Fetches the first of SOURCES that Debian still has; answers its binary, or why none could be had. */
function fetchFirst(log) {
  const failures = [];
  for (const { suite, pkg } of SOURCES) {
    log(`cnscd: fetching ${pkg} from Debian ${suite} into .tools/ …`);
    try {
      fetchDebianPackage(pkg, { suite, into: toolsDir });
    } catch (err) {
      failures.push(`${suite}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      log(`cnscd: not to be had from ${suite} (${failures.at(-1)})`);
      continue;
    }
    const v = natsServerVersion(localBinary);
    if (v && atLeast(v, MIN)) {
      writeFileSync(fetchedBy, SOURCES_NOW);
      log(`cnscd: nats-server ${show(v)} ready at ${localBinary}`);
      return { bin: localBinary };
    }
    failures.push(`${suite}: unpacked binary reports ${v ? show(v) : 'no version'}`);
  }
  return { reason: failures.join('; ') };
}

/** Returns the path of a nats-server binary, >= 2.10 unless only an older one could be found. */
export function ensureNatsServer({ log = console.error } = {}) {
  // .tools/ is ours: what is there is used only when the SOURCES of today fetched it.
  const versionOf = (bin) => (bin && existsSync(bin) ? natsServerVersion(bin) : null);
  const given = [process.env.CNSCD_NATS_SERVER, fetchedByNow() && localBinary, onPath()];
  const ready = given.find((bin) => versionOf(bin) && atLeast(versionOf(bin), MIN));
  if (ready) return ready;
  const fetched = fetchFirst(log);
  if (fetched.bin) return fetched.bin;
  // Nothing could be fetched: a binary at hand, one >= 2.10 first (an older .tools/ fetch), else older.
  const atHand = [process.env.CNSCD_NATS_SERVER, localBinary, onPath()].filter((bin) => versionOf(bin));
  const usable = atHand.find((bin) => atLeast(versionOf(bin), MIN));
  if (usable) {
    log(
      `cnscd: could not fetch nats-server (${fetched.reason}); using ${usable} (${show(versionOf(usable))})`,
    );
    return usable;
  }
  if (!atHand.length) {
    throw new Error(
      `cnscd: cannot obtain nats-server >= ${show(MIN)} (${fetched.reason}). Install one on PATH, ` +
        `or set CNSCD_NATS_SERVER to its path, or allow access to deb.debian.org.`,
    );
  }
  log(
    '\n' +
      '!'.repeat(78) +
      '\n' +
      `!! WARNING: could not fetch nats-server >= ${show(MIN)} (${fetched.reason}).\n` +
      `!! Falling back to ${atHand[0]} (${show(versionOf(atHand[0]))}). Single-server semantics stay correct, but\n` +
      `!! nats-server < 2.10 syncs to disk only every 60 s: an acknowledged event can be lost in a crash.\n` +
      '!'.repeat(78) +
      '\n',
  );
  return atHand[0];
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
