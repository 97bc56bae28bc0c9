import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { formedOnceMore, placesOnEveryNode } from './nats-cluster';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import {
  busConnection,
  busEnvironment,
  busPasswordValue,
  natsProcess,
  natsServerBinary,
  type NatsBus,
} from './nats-server';
import { freePorts } from './free-ports';
import { until } from './until';

const repoRoot = resolve(__dirname, '../../..');

/** One server of the hub: `cnscd-hub` alone, or `cnscd-hub-1` … of a 3-node hub. */
export interface HubNode {
  readonly name: string;
  /** Kill the server (SIGKILL) and leave it down; `start()` brings it back on the same ports and store. */
  crash(): Promise<void>;
  start(): Promise<void>;
}

/** The province hub: nats-servers with their own JetStream domain (`hub`) that communes' leaf nodes join. */
export interface RunningHub extends NatsBus {
  /** Where a leaf node connects (every node's leaf port, or the given ports), with the leaf user's password. */
  leafUrls(ports?: readonly number[]): string[];
  readonly leafPorts: readonly number[];
  readonly nodes: readonly HubNode[];
  /** The hub node that leads a stream now (on a single node, that node). */
  leaderOf(stream: string): Promise<HubNode>;
}

/** A commune's own nats-server: a leaf node of the hub, JetStream domain `c<commune>`. */
export interface RunningLeaf extends NatsBus {
  readonly commune: string;
  /** The leaf connection goes through proxies: `cut()` takes the commune offline, `mend()` back. */
  readonly link: Omit<TcpProxy, 'port'>;
  /** The last lines the leaf server logged: its leaf connections, for a test's failure message. */
  log(): string;
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

/**
 * Starts the hub with the deployment's hub config (deploy/nats/hub/nats-hub.conf) on free loopback ports:
 * one server, or `nodes: 3` servers routed into one JetStream cluster (the same config, with the cluster
 * given on the command line, as docs/operations.md describes), ready once a stream can be placed on all.
 */
export function startNatsHub(options: { nodes?: 1 | 3 } = {}): Promise<RunningHub> {
  const count = options.nodes ?? 1;
  return count === 1 ? formHub(1) : formedOnceMore('The province hub', () => formHub(count));
}

async function formHub(count: number): Promise<RunningHub> {
  const folder = mkdtempSync(join(tmpdir(), 'cnscd-nats-hub-'));
  const ports = await freePorts(3 * count);
  const [clientPorts, leafPorts, routePorts] = [0, 1, 2].map((k) =>
    ports.slice(k * count, (k + 1) * count),
  ) as [number[], number[], number[]];
  const { passwords, env } = busEnvironment();
  const leafPassword = randomBytes(18).toString('hex');
  env.CNSCD_NATS_PASSWORD_LEAF = busPasswordValue(leafPassword);
  const nodes = hubNodes(folder, env, clientPorts, leafPorts, routePorts);
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(folder, { recursive: true, force: true });
  };
  const url = clientPorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
  const as = busConnection(url, passwords);
  let ops: NatsConnection | undefined;
  try {
    await Promise.all(nodes.map((n) => n.start()));
    ops = await connect({ ...as('ops'), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    if (count > 1) await placesOnEveryNode(ops, count);
  } catch (err) {
    const logs = nodes.map((n) => `--- ${n.name}:\n${n.log().slice(-1500)}`).join('\n');
    await ops?.close().catch(() => undefined);
    await stop();
    throw new Error(`${String(err)}\n${logs}`, { cause: err });
  }
  const jsm = await jetstreamManager(ops, { timeout: 2000 });
  return {
    url,
    passwords,
    replicas: count,
    as,
    leafPorts,
    leafUrls: (at = leafPorts) => at.map((p) => `nats-leaf://leaf:${leafPassword}@127.0.0.1:${p}`),
    nodes,
    leaderOf: async (stream) => {
      if (count === 1) return nodes[0]!;
      let leader = '';
      await until(`a leader of ${stream} on the hub`, async () => {
        leader = (await jsm.streams.info(stream)).cluster?.leader ?? '';
        return leader !== '';
      });
      return nodes.find((n) => n.name === leader)!;
    },
    stop: async () => {
      await ops.close().catch(() => undefined);
      await stop();
    },
  };
}

/** Each hub server with its own copy of the hub config (its leaf port) and, on a cluster, its routes. */
function hubNodes(
  folder: string,
  env: NodeJS.ProcessEnv,
  clientPorts: number[],
  leafPorts: number[],
  routePorts: number[],
): (HubNode & { stop(): Promise<void>; log(): string })[] {
  const count = clientPorts.length;
  const routes = routePorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
  return clientPorts.map((port, i) => {
    const name = count === 1 ? 'cnscd-hub' : `cnscd-hub-${i + 1}`;
    // nats-server 2.10 tells each leaf the address of the node it joined, no_advertise or not: a leaf
    // then reconnects straight to it, around a cut proxy. A name that never resolves (RFC 2606) keeps
    // the leaf on the proxies, as `advertise` keeps a commune on the hub's public address.
    const config = configCopy(join(folder, name), 'hub/nats-hub.conf', (text) =>
      text.replace(
        'listen: 0.0.0.0:7422',
        `listen: 127.0.0.1:${leafPorts[i]}\n  advertise: "${name}.invalid:${leafPorts[i]}"`,
      ),
    );
    const cluster = [
      '--cluster_name',
      'cnscd-hub',
      '--cluster',
      `nats://127.0.0.1:${routePorts[i]}`,
      '--routes',
      routes,
    ];
    const args = [
      ...['-c', config, '-n', name, ...(count === 1 ? [] : cluster)],
      ...['-a', '127.0.0.1', '-p', String(port), '-m', '-1', '-sd', join(folder, name, 'store')],
    ];
    const server = natsProcess(natsServerBinary(), args, env, port);
    return {
      name,
      crash: () => server.kill('SIGKILL'),
      start: server.launch,
      stop: () => server.kill('SIGTERM'),
      log: server.log,
    };
  });
}

/**
 * Starts a commune's leaf server with the deployment's leaf config (deploy/nats/leaf/nats-leaf.conf):
 * its JetStream domain is `c<commune>` and it joins the hub (any of its nodes) through TCP proxies the
 * test can cut.
 */
export async function startCommuneLeaf(hub: RunningHub, commune: string): Promise<RunningLeaf> {
  const folder = mkdtempSync(join(tmpdir(), `cnscd-nats-leaf-${commune}-`));
  const [port] = (await freePorts(1)) as [number];
  const proxies = await Promise.all(hub.leafPorts.map((p) => startTcpProxy('127.0.0.1', p)));
  const config = configCopy(folder, 'leaf/nats-leaf.conf');
  const { passwords, env } = busEnvironment();
  env.CNSCD_JETSTREAM_DOMAIN = `c${commune}`;
  // One URL, or a list of every hub node's (nats-server reads a variable's value as configuration).
  const urls = hub.leafUrls(proxies.map((p) => p.port));
  env.CNSCD_HUB_LEAF_URL = JSON.stringify(urls.length === 1 ? urls[0] : urls);
  const args = [
    ...['-c', config, '-n', `cnscd-${commune}`, '-a', '127.0.0.1', '-p', String(port)],
    ...['-m', '-1', '-sd', join(folder, 'store')],
  ];
  const server = natsProcess(natsServerBinary(), args, env, port);
  await server.launch();
  const url = `nats://127.0.0.1:${port}`;
  const all = (act: (p: TcpProxy) => Promise<void>) => async () => void (await Promise.all(proxies.map(act)));
  const link = { cut: all((p) => p.cut()), mend: all((p) => p.mend()), stop: all((p) => p.stop()) };
  return {
    commune,
    url,
    passwords,
    replicas: 1,
    as: busConnection(url, passwords),
    link,
    log: server.log,
    stop: async () => {
      await server.kill('SIGTERM');
      await link.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
