// Finds a program the tests drive (Chromium, LibreOffice), installing its Debian package with apt-get
// when it is missing: the program is large and runs from the system's paths, so it is installed, not
// unpacked into .tools/ (nats-server and Prometheus are: scripts/debian-package.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The first of `env`'s value and `candidates` that exists; else `apt-get install pkg` (with an
 * `apt-get update` first if that fails; `sudo` when not root) and look again. Throws what to do instead.
 */
export function ensureDebianProgram({ what, pkg, candidates, env }) {
  const found = () => [process.env[env], ...candidates].find((p) => p && existsSync(p));
  if (found()) return found();
  console.error(`cnscd: installing Debian’s ${pkg} for ${what} (apt-get) …`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) =>
    spawnSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      // apt-get's output to standard error: standard output carries only the program's path, which
      // callers read (libs/testing/src/libreoffice.ts: a test run directly on a fresh machine spawned
      // apt-get's whole log as the program's name).
      stdio: ['ignore', 2, 2],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  const install = () => apt('install', '-y', '--no-install-recommends', pkg);
  if (!install() && !(apt('update') && install()))
    throw new Error(`cnscd: could not install ${pkg} (apt-get install ${pkg}); set ${env} to its binary`);
  if (!found()) throw new Error(`cnscd: ${pkg} was installed but none of ${candidates.join(', ')} exists`);
  return found();
}
