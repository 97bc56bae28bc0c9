#!/usr/bin/env node
// `npm run screenshots`: runs the web app's browser tests and the report's document tests and keeps their
// screenshots (the report's PDF pages drawn by poppler's pdftoppm) in docs/screenshots.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureDebianProgram } from './debian-install.mjs';
import { ensureLibreOffice } from './ensure-libreoffice.mjs';
import { ensureNatsServer } from './ensure-nats-server.mjs';
import { ensureDependencies, ensureWebBuild, root } from './lib.mjs';
import { runOnProjectNode } from './ensure-node.mjs';

await runOnProjectNode(); // the tests' Node.js (decision 0016)
ensureDependencies();
ensureWebBuild();
const r = spawnSync(
  'npx',
  ['jest', '--selectProjects', 'integration', '--testPathPatterns', 'services/web|report-document'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      CNSCD_SCREENSHOTS: '1',
      CNSCD_CHROMIUM: ensureChromium(),
      CNSCD_SOFFICE: ensureLibreOffice(),
      CNSCD_PDFTOPPM: ensureDebianProgram({
        what: 'the report’s pictures',
        pkg: 'poppler-utils',
        candidates: ['/usr/bin/pdftoppm'],
        env: 'CNSCD_PDFTOPPM',
      }),
      CNSCD_NATS_SERVER: ensureNatsServer(),
      NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning',
    },
  },
);
process.exit(r.status ?? 1);
