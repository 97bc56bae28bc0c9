// Finds Debian's Chromium for the web app's end-to-end tests, installing the `chromium` package when
// it is missing (the tests drive it with playwright-core: no browser download).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function ensureChromium() {
  const found = () => [process.env.CNSCD_CHROMIUM, ...CANDIDATES].find((p) => p && existsSync(p));
  if (found()) return found();
  console.error('cnscd: installing Debian’s chromium for the browser tests (apt-get) …');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) =>
    spawnSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  const install = () => apt('install', '-y', '--no-install-recommends', 'chromium');
  if (!install() && !(apt('update') && install()))
    throw new Error(
      'cnscd: could not install chromium (apt-get install chromium); set CNSCD_CHROMIUM to a Chromium binary',
    );
  if (!found()) throw new Error('cnscd: chromium was installed but /usr/bin/chromium is missing');
  return found();
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
