import type { ClusterNode, RunningCluster } from '@cnscd/testing';
import type { DeploymentUnderTest } from './deployment-under-test';
import { until } from '@cnscd/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { registerAndConfirm } from './phones';

/** How long a phase after a kill waits at most for the writes to come back. */
const RESUME_MS = 30_000;

/** A stretch of the run: what the cluster was going through, and the commands acknowledged in it. */
export interface LoadPhase {
  readonly name:
    | 'all three'
    | 'a follower down'
    | 'the follower back'
    | 'the leader down'
    | 'all back'
    | 'the leader stopping (lame duck)'
    | 'all back again';
  readonly seconds: number;
  readonly acknowledged: number;
}

export interface NodeLossReport {
  /** Every command sent, in the order sent; each was acknowledged (the phones send until answered). */
  readonly sent: readonly string[];
  readonly phases: readonly LoadPhase[];
  /**
   * The longest time no command was acknowledged (ms), from the last acknowledgement before each loss
   * to the end of its phase: a follower killed, the leader killed, the leader stopped in lame duck mode.
   */
  readonly pauses: { readonly follower: number; readonly leader: number; readonly lameDuck: number };
  /**
   * From the moment JetStream was seen back after the stream's leader was killed (another node leads the
   * stream and the meta leader answers: polled) to the next acknowledged command (ms) — the part of the
   * pause that is ours. The rest is nats-server's elections, each after a random 4–9 s.
   */
  readonly resumedAfterElection: number;
  /** How long each node brought back took to be current with the stream's leader (ms). */
  readonly catchUp: { readonly follower: number; readonly leader: number };
  readonly killed: { readonly follower: string; readonly leader: string };
}

/**
 * The node-loss run of issue 20: a village team's `phones` register residents and confirm their
 * e-health record, each command sent until answered (a phone resends an unanswered command with its
 * command id). Under that load, after `phaseMs` to warm up, for `phaseMs` each: all three nodes; one
 * node that leads neither the event stream nor the cluster's metadata killed (SIGKILL), until commands
 * are answered again if that takes longer; that node back, once it is current; the stream's leader
 * killed (the same); it back, once current; the leader stopped as for an upgrade (lame duck mode: it
 * hands its leaderships over first); it back. Answers what was sent and the figures; the caller checks
 * the stream and the read models.
 */
export async function loseNodesUnderLoad(
  d: DeploymentUnderTest<RunningCluster>,
  stream: string,
  { phones, phaseMs }: { phones: number; phaseMs: number },
): Promise<NodeLossReport> {
  const load = phonesSending(d, phones);
  const marks: { name: LoadPhase['name']; at: number }[] = [];
  /** `phaseMs` of load; after a loss, longer if need be: until the phones' commands are answered again. */
  const phase = async (name: LoadPhase['name'], afterLoss = false) => {
    const at = Date.now();
    marks.push({ name, at });
    await new Promise((r) => setTimeout(r, phaseMs));
    const answeredSince = async () => load.acks.filter((t) => t > at).length >= phones;
    if (afterLoss) await until(`commands answered after ${name}`, answeredSince, RESUME_MS);
  };
  const backAndCurrent = (node: ClusterNode) => startedAndCurrent(d.nats, node, stream);
  try {
    await new Promise((r) => setTimeout(r, phaseMs)); // a warm-up: cold services are no baseline
    await phase('all three');
    const followerNode = await aFollowerOfEverything(d.nats, stream);
    await followerNode.crash();
    await phase('a follower down', true);
    const followerCatchUp = await backAndCurrent(followerNode);
    await phase('the follower back');
    const leaderNode = d.nats.node(await d.nats.leaderOf(stream));
    await leaderNode.crash();
    const back = jetStreamBackAt(d, stream, leaderNode.name);
    back.catch(() => undefined); // its failure is reported where it is awaited
    await phase('the leader down', true);
    const backAt = await back;
    const leaderCatchUp = await backAndCurrent(leaderNode);
    await phase('all back');
    const stopping = d.nats.node(await d.nats.leaderOf(stream));
    stopping.lameDuck();
    await phase('the leader stopping (lame duck)', true);
    await stopping.crash(); // its leaderships are handed over: the rest of its lame duck time is not measured
    await backAndCurrent(stopping);
    await phase('all back again');
    marks.push({ name: 'all back again', at: Date.now() });
    await load.stop();
    const pauseIn = (i: number) => longestGap(load.acks, marks[i]!.at, marks[i + 1]!.at);
    return {
      sent: load.sent,
      phases: marks.slice(0, -1).map((m, i) => ({
        name: m.name,
        seconds: (marks[i + 1]!.at - m.at) / 1000,
        acknowledged: load.acks.filter((t) => t >= m.at && t < marks[i + 1]!.at).length,
      })),
      pauses: { follower: pauseIn(1), leader: pauseIn(3), lameDuck: pauseIn(5) },
      resumedAfterElection: Math.min(...load.acks.filter((t) => t >= backAt)) - backAt,
      catchUp: { follower: followerCatchUp, leader: leaderCatchUp },
      killed: { follower: followerNode.name, leader: leaderNode.name },
    };
  } finally {
    void load.stop();
  }
}

/**
 * A node that leads neither the stream nor the cluster's metadata: losing either leader costs an
 * election of nats-server's (the metadata leader creates the consumers that services replace), which
 * is the leader's phase to measure, not the follower's (CI saw 6.1 s once when the follower led it).
 */
async function aFollowerOfEverything(cluster: RunningCluster, stream: string): Promise<ClusterNode> {
  const leaders = [await cluster.leaderOf(stream), await cluster.metaLeader()];
  return cluster.nodes.find((n) => !leaders.includes(n.name))!;
}

/**
 * When JetStream was first seen back after `lost` was killed: another node leads the stream, and the
 * cluster's meta leader answers (it creates the consumers a service reads its own writes with; it is
 * elected apart from the stream's leader, and was lost too when `lost` held it).
 */
async function jetStreamBackAt(
  d: DeploymentUnderTest<RunningCluster>,
  stream: string,
  lost: string,
): Promise<number> {
  const jsm = await jetstreamManager(d.nc, { timeout: 1000, checkAPI: false });
  let seenAt = 0;
  await until(
    `JetStream back, with a leader of ${stream} other than ${lost}`,
    async () => {
      if ((await d.nats.leaderOf(stream)) === lost) return false;
      await jsm.getAccountInfo(); // answered by the meta leader
      seenAt = Date.now();
      return true;
    },
    RESUME_MS,
    100,
  );
  return seenAt;
}

/** Starts a node again and answers how long it took until every replica of the stream was current (ms). */
async function startedAndCurrent(
  cluster: RunningCluster,
  node: ClusterNode,
  stream: string,
): Promise<number> {
  const started = Date.now();
  await node.start();
  await cluster.replicasCurrent(stream).catch((err: Error) => {
    throw new Error(`${err.message}\n--- ${node.name}, started again:\n${node.log()}`, { cause: err });
  });
  return Date.now() - started;
}

/** `phones` phones registering and confirming until stopped; what they sent and when each was answered. */
function phonesSending(d: DeploymentUnderTest<RunningCluster>, phones: number) {
  const [sent, acks] = [[] as string[], [] as number[]];
  let serial = 0;
  let stopping = false;
  const phone = async () => {
    while (!stopping)
      await registerAndConfirm(d.services.outreach.url, d.keys['team']!, serial++, (commandId) => {
        sent.push(commandId);
        acks.push(Date.now());
      });
  };
  const load = Promise.all(Array.from({ length: phones }, phone));
  load.catch(() => undefined); // its failure is reported where it is awaited
  return {
    sent,
    acks,
    stop: async () => {
      stopping = true;
      await load;
    },
  };
}

/** The longest time between acknowledgements from the last one before `from` up to `to` (ms). */
function longestGap(acks: readonly number[], from: number, to: number): number {
  const times = [...acks].sort((a, b) => a - b);
  const before = times.filter((t) => t < from).pop() ?? from;
  const within = [before, ...times.filter((t) => t >= from && t < to), to];
  return Math.max(...within.slice(1).map((t, i) => t - within[i]!));
}
