// Finds Debian's Chromium for the web app's end-to-end tests, installing the `chromium` package when
// it is missing (the tests drive it with playwright-core: no browser download).
import { ensureDebianProgram } from './debian-install.mjs';

export const ensureChromium = () =>
  ensureDebianProgram({
    what: 'the browser tests',
    pkg: 'chromium',
    candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
    env: 'CNSCD_CHROMIUM',
  });

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
