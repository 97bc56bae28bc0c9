#!/usr/bin/env node
// The event stream's settings, changed by an operator with the `ops` bus credentials (services may not:
// deploy/nats/permissions.conf). docs/operations.md, "The event stream".
//   npm run stream -- show
//   npm run stream -- configure [--duplicate-window-ms 600000] [--replicas 3]
// Connection: NATS_URL (nats://127.0.0.1:4222), NATS_USER (ops), NATS_PASSWORD.
import { parseArgs } from 'node:util';
import { ensureDependencies } from './lib.mjs';

const STREAM = 'CNSCD_EVENTS';
const usage = `npm run stream -- show
npm run stream -- configure [--duplicate-window-ms <ms, 1000 … 86400000>] [--replicas <1, 3 or 5>]
  with NATS_URL, NATS_USER (default ops) and NATS_PASSWORD in the environment`;

const fail = (message) => {
  console.error(message);
  process.exit(2);
};

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { 'duplicate-window-ms': { type: 'string' }, replicas: { type: 'string' } },
});
if (command !== 'show' && command !== 'configure') fail(usage);
const changes = {};
if (values['duplicate-window-ms'] !== undefined) {
  const ms = Number(values['duplicate-window-ms']);
  if (!Number.isInteger(ms) || ms < 1000 || ms > 86_400_000)
    fail('--duplicate-window-ms: từ 1000 đến 86400000 / from 1000 to 86400000');
  changes.duplicate_window = ms * 1_000_000;
}
if (values.replicas !== undefined) {
  const n = Number(values.replicas);
  if (![1, 3, 5].includes(n)) fail('--replicas: 1, 3 hoặc 5 / 1, 3 or 5');
  changes.num_replicas = n;
}
if (command === 'configure' && Object.keys(changes).length === 0) fail(usage);

ensureDependencies();
const { connect } = await import('@nats-io/transport-node');
const { jetstreamManager } = await import('@nats-io/jetstream');
const nc = await connect({
  servers: (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(','),
  user: process.env.NATS_USER ?? 'ops',
  pass: process.env.NATS_PASSWORD,
}).catch((err) => fail(`Không kết nối được NATS / Cannot reach NATS: ${err.message}`));
try {
  const jsm = await jetstreamManager(nc);
  // On a cluster, also who leads the stream and whether each other replica has caught up.
  const show = (c, cluster) =>
    console.log(
      JSON.stringify(
        {
          stream: c.name,
          replicas: c.num_replicas,
          duplicateWindowMs: c.duplicate_window / 1_000_000,
          denyDelete: c.deny_delete,
          denyPurge: c.deny_purge,
          ...(cluster?.leader
            ? {
                leader: cluster.leader,
                followers: (cluster.replicas ?? []).map((r) => ({
                  name: r.name,
                  current: r.current,
                  offline: r.offline ?? false,
                  lag: r.lag ?? 0,
                })),
              }
            : {}),
        },
        null,
        2,
      ),
    );
  const { config, cluster } = await jsm.streams.info(STREAM);
  if (command === 'show') show(config, cluster);
  else {
    const updated = await jsm.streams.update(STREAM, { ...config, ...changes });
    console.error('Đã cập nhật / Updated:');
    show(updated.config, updated.cluster);
  }
} catch (err) {
  fail(`${command} ${STREAM}: ${err.message} (cần người dùng ops / needs the ops bus user)`);
} finally {
  await nc.close();
}
