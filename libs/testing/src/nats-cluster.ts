import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { freePorts } from './free-ports';
import { until } from './until';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { busConnection, busEnvironment, natsProcess, natsServerBinary, type NatsBus } from './nats-server';

const repoRoot = resolve(__dirname, '../../..');

/** One server of a cluster, by its `server_name` (cnscd-1, cnscd-2, cnscd-3). */
export interface ClusterNode {
  readonly name: string;
  readonly url: string;
  /** Kill the server (SIGKILL: no graceful shutdown, like a crash) and leave it down. */
  crash(): Promise<void>;
  /**
   * Lame duck mode (SIGUSR2), as for an upgrade: the server hands the leadership of its streams and
   * consumers to the others, then closes its clients over its lame duck duration and exits.
   */
  lameDuck(): void;
  /** Start it again on the same ports and store. */
  start(): Promise<void>;
  pid(): number;
  /** The last lines the server logged since it was last started, for a test's failure message. */
  log(): string;
}

export interface RunningCluster extends NatsBus {
  readonly nodes: readonly ClusterNode[];
  node(name: string): ClusterNode;
  /** The server that leads a stream now (JetStream's own answer), once there is one. */
  leaderOf(stream: string): Promise<string>;
  /**
   * The server that leads the cluster's metadata now (`/jsz` of a node that answers), once there is one:
   * it creates every consumer, so losing it costs an election of its own (4–9 s in nats-server).
   */
  metaLeader(): Promise<string>;
  /**
   * Resolves once every replica of the stream is current with its leader: a node brought back has
   * caught up. Fails after `timeoutMs`.
   */
  replicasCurrent(stream: string, timeoutMs?: number): Promise<void>;
}

const NODES = 3;
const READY_MS = 30_000;
const READY_PROBE = 'CNSCD_CLUSTER_READY';

/**
 * A JetStream cluster of three real nats-servers on loopback ports, each started with the deployment's
 * own node config (deploy/nats/cluster/nats-N.conf: `sync_interval: always`, the bus permissions) and
 * flags that give it its ports, routes and a temporary store. Resolves once JetStream answers (a meta
 * leader is elected); streams created on it with `num_replicas: 3` are replicated three ways.
 */
export function startNatsCluster(): Promise<RunningCluster> {
  return formedOnceMore('The NATS cluster', formCluster);
}

/**
 * Servers that must form one cluster (`form` starts them on fresh ports and throws with their logs if
 * they do not), started once more if they do not. Seen in full parallel runs (2026-12-03, -04): no
 * peers for 30 s, once a node's route port had been taken by another node's random monitoring port
 * between its choice and the node's start — the reason ports now come from below the ephemeral range
 * (free-ports.ts). The second try stays for what is left: on nats-server 2.10.27 a meta leader at once
 * and then "no suitable peers for placement" for 30 s, every node up and routed (2 in 10 runs of the
 * cluster test, none on 2.15.1: 2.10's routes after a duplicate route, docs/benchmarks.md "A node lost").
 */
export async function formedOnceMore<T>(what: string, form: () => Promise<T>): Promise<T> {
  try {
    return await form();
  } catch (first) {
    console.warn(`${what} did not form; starting it again on fresh ports: ${String(first)}`);
    return form();
  }
}

async function formCluster(): Promise<RunningCluster> {
  const { passwords, env } = busEnvironment();
  const ports = await freePorts(3 * NODES);
  const stores = Array.from({ length: NODES }, () => mkdtempSync(join(tmpdir(), 'cnscd-nats-cluster-')));
  const monitorPorts = ports.slice(2 * NODES);
  const nodes = clusterNodes(env, ports.slice(0, NODES), ports.slice(NODES, 2 * NODES), monitorPorts, stores);
  const url = nodes.map((n) => n.node.url).join(',');
  const as = busConnection(url, passwords);
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.server.kill('SIGTERM')));
    for (const dir of stores) rmSync(dir, { recursive: true, force: true });
  };
  let ops: NatsConnection | undefined;
  try {
    await Promise.all(nodes.map((n) => n.server.launch()));
    ops = await connect({ ...as('ops'), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    await placesOnEveryNode(ops);
  } catch (err) {
    const logs = nodes.map((n) => `--- ${n.node.name}:\n${n.server.log().slice(-1500)}`).join('\n');
    await ops?.close().catch(() => undefined);
    await stop();
    throw new Error(`${String(err)}\n${logs}`, { cause: err });
  }
  const jsm = await jetstreamManager(ops, { timeout: 2000 });
  return {
    url,
    passwords,
    replicas: NODES,
    as,
    nodes: nodes.map((n) => n.node),
    node: (name) => {
      const found = nodes.find((n) => n.node.name === name);
      if (!found) throw new Error(`No node ${name} in the cluster`);
      return found.node;
    },
    ...streamPlacement(jsm),
    metaLeader: () => metaLeaderOf(monitorPorts),
    stop: async () => {
      await ops.close().catch(() => undefined);
      await stop();
    },
  };
}

/** The three servers, each with its node config and flags for its ports, routes and store. */
function clusterNodes(
  env: NodeJS.ProcessEnv,
  clientPorts: number[],
  routePorts: number[],
  monitorPorts: number[],
  stores: string[],
) {
  const bin = natsServerBinary();
  const routes = routePorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
  return clientPorts.map((port, i) => {
    const name = `cnscd-${i + 1}`;
    const server = natsProcess(
      bin,
      [
        ...['-c', join(repoRoot, `deploy/nats/cluster/nats-${i + 1}.conf`)],
        ...[
          '-n',
          name,
          '-a',
          '127.0.0.1',
          '-p',
          String(port),
          '-m',
          String(monitorPorts[i]),
          '-sd',
          stores[i]!,
        ],
        ...['--cluster', `nats://127.0.0.1:${routePorts[i]}`, '--routes', routes],
      ],
      env,
      port,
    );
    const node: ClusterNode = {
      name,
      url: `nats://127.0.0.1:${port}`,
      crash: () => server.kill('SIGKILL'),
      lameDuck: () => server.signal('SIGUSR2'),
      start: server.launch,
      pid: server.pid,
      log: server.log,
    };
    return { node, server };
  });
}

/** Resolves once a stream can be placed on every node: JetStream answers before every peer is known. */
export async function placesOnEveryNode(ops: NatsConnection, nodes = NODES): Promise<void> {
  // Not checked here: the cluster answers JetStream requests only once it has elected a meta leader.
  const jsm = await jetstreamManager(ops, { timeout: 2000, checkAPI: false });
  await until(
    `JetStream placing a stream on all ${nodes} nodes`,
    async () => {
      await jsm.streams.add({ name: READY_PROBE, subjects: [READY_PROBE], num_replicas: nodes });
      await jsm.streams.delete(READY_PROBE);
      return true;
    },
    READY_MS,
    100,
  );
}

/**
 * The metadata leader as the first node that answers its monitoring endpoint knows it (a node may be
 * down). Right after the leader is lost the others still name it until they elect another.
 */
async function metaLeaderOf(monitorPorts: readonly number[]): Promise<string> {
  let leader = '';
  await until(
    'a metadata leader elected',
    async () => {
      for (const port of monitorPorts) {
        const jsz = await fetch(`http://127.0.0.1:${port}/jsz`).then(
          (r) => r.json() as Promise<{ meta_cluster?: { leader?: string } }>,
          () => null,
        );
        leader = jsz?.meta_cluster?.leader ?? '';
        if (leader) return true;
      }
      return false;
    },
    READY_MS,
    100,
  );
  return leader;
}

/** Who leads a stream, and whether its followers have caught up, as JetStream answers. */
function streamPlacement(jsm: JetStreamManager): Pick<RunningCluster, 'leaderOf' | 'replicasCurrent'> {
  const streamCluster = async (stream: string) => (await jsm.streams.info(stream)).cluster;
  return {
    leaderOf: async (stream) => {
      let leader = '';
      await until(
        `a leader elected for ${stream}`,
        async () => {
          leader = (await streamCluster(stream))?.leader ?? '';
          return leader !== '';
        },
        READY_MS,
        100,
      );
      return leader;
    },
    replicasCurrent: (stream, timeoutMs = READY_MS) =>
      until(
        `every replica of ${stream} current`,
        async () => {
          const cluster = await streamCluster(stream);
          const replicas = cluster?.replicas ?? [];
          // `current`: JetStream's own word that the replica has caught up (under load `lag` is rarely 0).
          const current =
            !!cluster?.leader &&
            replicas.length === NODES - 1 &&
            replicas.every((r) => r.current && !r.offline);
          // Not yet: what JetStream says, for the failure's message once the time is up.
          if (!current) throw new Error(`not current: ${JSON.stringify(cluster)}`);
          return true;
        },
        timeoutMs,
        100,
      ),
  };
}
