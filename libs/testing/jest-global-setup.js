// Finds (or fetches) nats-server >= 2.10 once, before any integration test file starts its own server.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  if (process.env.CNSCD_NATS_SERVER) return;
  process.env.CNSCD_NATS_SERVER = execFileSync(
    process.execPath,
    [join(__dirname, '../../scripts/ensure-nats-server.mjs'), '--print'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
};
