// Fetches one Debian package and unpacks it into a folder of the project's (.tools/…), changing nothing
// system-wide: apt runs against a temporary sources list and cache, and the package is never installed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `apt-get download <pkg>` from Debian's `suite`, then `dpkg-deb -x` into `into` (emptied first). */
export function fetchDebianPackage(pkg, { suite, into }) {
  const work = mkdtempSync(join(tmpdir(), 'cnscd-apt-'));
  try {
    const parts = join(work, 'sources.list.d');
    mkdirSync(parts);
    mkdirSync(join(work, 'lists', 'partial'), { recursive: true });
    mkdirSync(join(work, 'cache', 'archives', 'partial'), { recursive: true });
    writeFileSync(
      join(parts, `${suite}.sources`),
      `Types: deb\nURIs: http://deb.debian.org/debian\nSuites: ${suite}\nComponents: main\n` +
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n',
    );
    const opts = [
      ['Dir::Etc::SourceList', '/dev/null'],
      ['Dir::Etc::SourceParts', parts],
      ['Dir::State::Lists', join(work, 'lists')],
      ['Dir::Cache', join(work, 'cache')],
      ['APT::Sandbox::User', 'root'],
      ['Debug::NoLocking', '1'],
    ].flatMap(([k, v]) => ['-o', `${k}=${v}`]);
    const run = (args) =>
      execFileSync('apt-get', [...opts, '-qq', ...args], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    run(['update']);
    run(['download', pkg]);
    const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${pkg} produced no .deb`);
    rmSync(into, { recursive: true, force: true });
    mkdirSync(into, { recursive: true });
    execFileSync('dpkg-deb', ['-x', join(work, deb), into]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
