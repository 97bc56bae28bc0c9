#!/usr/bin/env node
// The event stream's settings, changed by an operator with the `ops` bus credentials (services may not:
// deploy/nats/permissions.conf). docs/operations.md, "The event stream".
//   npm run stream -- show
//   npm run stream -- configure [--duplicate-window-ms 600000] [--replicas 3] [--atomic-batches on]
// On the province hub (docs/operations.md "A province hub and commune leaf nodes"):
//   npm run stream -- add-commune 68001 [--replicas 3]   the hub's stream sources that commune's stream
//   npm run stream -- sources                            each commune: its last record of its own, the hub's, behind
//   npm run stream -- restart-source 68001               a stalled source starts again where the hub is
// Connection: NATS_URL (nats://127.0.0.1:4222), NATS_USER (ops), NATS_PASSWORD.
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { ensureDependencies } from './lib.mjs';
import { ensureServicesBuilt } from './build.mjs';

const STREAM = 'CNSCD_EVENTS';
const usage = `npm run stream -- show
npm run stream -- configure [--duplicate-window-ms <ms, 1000 … 86400000>] [--replicas <1, 3 or 5>]
                            [--atomic-batches <on or off>]   (on: nats-server ≥ 2.12, decision 0019)
npm run stream -- add-commune <commune code> [--replicas <1, 3 or 5>]   (on the province hub)
npm run stream -- sources                                               (on the province hub)
npm run stream -- restart-source <commune code>                         (on the province hub)
  with NATS_URL, NATS_USER (default ops) and NATS_PASSWORD in the environment`;

const fail = (message) => {
  console.error(message);
  process.exit(2);
};

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    'duplicate-window-ms': { type: 'string' },
    replicas: { type: 'string' },
    'atomic-batches': { type: 'string' },
  },
});
const HUB_COMMANDS = ['add-commune', 'sources', 'restart-source'];
if (![...HUB_COMMANDS, 'show', 'configure'].includes(command)) fail(usage);
const commune = positionals[0];
if (['add-commune', 'restart-source'].includes(command) && !/^\d{5}$/.test(commune ?? ''))
  fail(`Cần mã xã 5 chữ số / A five-digit commune code is needed\n${usage}`);
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
if (values['atomic-batches'] !== undefined) {
  if (!['on', 'off'].includes(values['atomic-batches'])) fail('--atomic-batches: on hoặc off / on or off');
  changes.allow_atomic = values['atomic-batches'] === 'on';
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
  if (HUB_COMMANDS.includes(command)) await onTheHub(command);
  else await onTheStream(await jetstreamManager(nc));
} catch (err) {
  // A refusal of the bus names the user it needs; the library's own refusals say why themselves.
  const needsOps = /permission|authoriz/i.test(err.message);
  fail(
    `${command} ${STREAM}: ${err.message}${needsOps ? ' (cần người dùng ops / needs the ops bus user)' : ''}`,
  );
} finally {
  await nc.close();
}

/** `show` and `configure`: the stream's settings, on any deployment. */
async function onTheStream(jsm) {
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
          atomicBatches: c.allow_atomic === true,
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
}

/** The hub's commands, with the event store library's own functions (compiled to .build/ first). */
async function onTheHub(what) {
  ensureServicesBuilt();
  const require = createRequire(import.meta.url);
  require('./built.cjs');
  const sources = require('../libs/event-store/src/index.ts');
  if (what === 'add-commune') {
    const replicas = changes.num_replicas;
    const done = await sources.addCommuneSource(nc, commune, replicas ? { replicas } : {});
    console.log(
      done.created
        ? `Đã tạo luồng của tỉnh, sao chép xã ${commune} / Created the hub's stream, sourcing ${commune}`
        : done.added
          ? `Đã thêm xã ${commune} / Added commune ${commune}`
          : `Xã ${commune} đã có từ trước / Commune ${commune} was sourced already`,
    );
  } else if (what === 'restart-source') {
    const how = await sources.restartCommuneSource(nc, commune);
    console.log(`Đã khởi động lại nguồn ${commune} / Restarted the source of ${commune}: ${how}`);
  } else {
    const rows = await sources.sourcePositions(nc);
    const table = rows.map((r) => ({
      commune: r.commune,
      communeLast: r.communeLast ?? 'không liên lạc được / unreachable',
      hubLast: r.hubLast,
      behind: r.communeLast === null ? null : Math.max(0, r.communeLast - r.hubLast),
      diverged: r.diverged,
    }));
    console.log(JSON.stringify(table, null, 2));
  }
}
