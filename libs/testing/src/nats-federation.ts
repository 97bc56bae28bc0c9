import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import {
  busConnection,
  busEnvironment,
  busPasswordValue,
  freePorts,
  natsProcess,
  natsServerBinary,
  type NatsBus,
} from './nats-server';

const repoRoot = resolve(__dirname, '../../..');

/** The province hub: a nats-server with its own JetStream domain (`hub`) that communes' leaf nodes join. */
export interface RunningHub extends NatsBus {
  /** Where leaf nodes connect, with the leaf user's password: `nats-leaf://leaf:<password>@127.0.0.1:<port>`. */
  leafUrl(port?: number): string;
  readonly leafPort: number;
  /** Kill the hub (SIGKILL) and leave it down; `start()` brings it back on the same ports and store. */
  crash(): Promise<void>;
  start(): Promise<void>;
}

/** A commune's own nats-server: a leaf node of the hub, JetStream domain `c<commune>`. */
export interface RunningLeaf extends NatsBus {
  readonly commune: string;
  /** The leaf connection goes through this proxy: `cut()` takes the commune offline, `mend()` back. */
  readonly link: TcpProxy;
}

/**
 * A server's config from deploy/nats/ in a folder of its own, beside a copy of permissions.conf (the
 * configs include it by a relative path), with `replace` applied: the test's own ports.
 */
function configCopy(folder: string, file: string, replace: (text: string) => string = (t) => t): string {
  const [kind, name] = file.split('/') as [string, string];
  mkdirSync(join(folder, kind), { recursive: true });
  copyFileSync(join(repoRoot, 'deploy/nats/permissions.conf'), join(folder, 'permissions.conf'));
  const path = join(folder, kind, name);
  writeFileSync(path, replace(readFileSync(join(repoRoot, 'deploy/nats', file), 'utf8')));
  return path;
}

/** Starts the hub with the deployment's hub config (deploy/nats/hub/nats-hub.conf) on free loopback ports. */
export async function startNatsHub(): Promise<RunningHub> {
  const folder = mkdtempSync(join(tmpdir(), 'cnscd-nats-hub-'));
  const [port, leafPort] = (await freePorts(2)) as [number, number];
  const config = configCopy(folder, 'hub/nats-hub.conf', (text) =>
    text.replace('listen: 0.0.0.0:7422', `listen: 127.0.0.1:${leafPort}`),
  );
  const { passwords, env } = busEnvironment();
  const leafPassword = randomBytes(18).toString('hex');
  env.CNSCD_NATS_PASSWORD_LEAF = busPasswordValue(leafPassword);
  const args = [
    '-c',
    config,
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-m',
    '-1',
    '-sd',
    join(folder, 'store'),
  ];
  const server = natsProcess(natsServerBinary(), args, env, port);
  await server.launch();
  const url = `nats://127.0.0.1:${port}`;
  return {
    url,
    passwords,
    replicas: 1,
    as: busConnection(url, passwords),
    leafPort,
    leafUrl: (at = leafPort) => `nats-leaf://leaf:${leafPassword}@127.0.0.1:${at}`,
    crash: () => server.kill('SIGKILL'),
    start: server.launch,
    stop: async () => {
      await server.kill('SIGTERM');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a commune's leaf server with the deployment's leaf config (deploy/nats/leaf/nats-leaf.conf):
 * its JetStream domain is `c<commune>` and it joins the hub through a TCP proxy the test can cut.
 */
export async function startCommuneLeaf(hub: RunningHub, commune: string): Promise<RunningLeaf> {
  const folder = mkdtempSync(join(tmpdir(), `cnscd-nats-leaf-${commune}-`));
  const [port] = (await freePorts(1)) as [number];
  const link = await startTcpProxy('127.0.0.1', hub.leafPort);
  const config = configCopy(folder, 'leaf/nats-leaf.conf');
  const { passwords, env } = busEnvironment();
  env.CNSCD_JETSTREAM_DOMAIN = `c${commune}`;
  env.CNSCD_HUB_LEAF_URL = busPasswordValue(hub.leafUrl(link.port));
  const args = [
    ...['-c', config, '-n', `cnscd-${commune}`, '-a', '127.0.0.1', '-p', String(port)],
    ...['-m', '-1', '-sd', join(folder, 'store')],
  ];
  const server = natsProcess(natsServerBinary(), args, env, port);
  await server.launch();
  const url = `nats://127.0.0.1:${port}`;
  return {
    commune,
    url,
    passwords,
    replicas: 1,
    as: busConnection(url, passwords),
    link,
    stop: async () => {
      await server.kill('SIGTERM');
      await link.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
