#!/usr/bin/env node
// `npm run screenshots`: runs the web app's browser tests and keeps their screenshots in docs/screenshots.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureNatsServer } from './ensure-nats-server.mjs';
import { ensureDependencies, ensureWebBuild, root } from './lib.mjs';

ensureDependencies();
ensureWebBuild();
const r = spawnSync(
  'npx',
  ['jest', '--selectProjects', 'integration', '--testPathPatterns', 'services/web'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      CNSCD_SCREENSHOTS: '1',
      CNSCD_CHROMIUM: ensureChromium(),
      CNSCD_NATS_SERVER: ensureNatsServer(),
      NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning',
    },
  },
);
process.exit(r.status ?? 1);
