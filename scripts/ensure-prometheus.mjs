#!/usr/bin/env node
// Finds a Prometheus server for the metrics test (libs/service-testing/src/observability.int.spec.ts), or
// fetches Debian's `prometheus` package into .tools/prometheus (scripts/debian-package.mjs): never installed
// system-wide, never started as a system service.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchDebianPackage } from './debian-package.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools', 'prometheus');
const localBinary = join(toolsDir, 'usr', 'bin', 'prometheus');

const runs = (binary) => {
  try {
    execFileSync(binary, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Returns the path of a `prometheus` binary that runs. */
export function ensurePrometheus({ log = console.error } = {}) {
  const candidates = [process.env.CNSCD_PROMETHEUS, localBinary, '/usr/bin/prometheus'].filter(Boolean);
  const found = candidates.find((bin) => existsSync(bin) && runs(bin));
  if (found) return found;
  log('cnscd: fetching Debian’s prometheus package into .tools/ for the metrics test …');
  try {
    fetchDebianPackage('prometheus', { suite: 'bookworm', into: toolsDir });
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(
      `cnscd: cannot obtain prometheus (${reason}). Set CNSCD_PROMETHEUS to a prometheus binary, ` +
        'or allow access to deb.debian.org.',
    );
  }
  if (!runs(localBinary)) throw new Error(`cnscd: ${localBinary} was unpacked but does not run`);
  return localBinary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensurePrometheus());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
