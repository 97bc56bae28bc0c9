import type { RunningCluster } from '@cnscd/testing';
import type { DeploymentUnderTest } from './deployment-under-test';
import { registerAndConfirm, until } from './phones';

/** How long a phase after a kill waits at most for the writes to come back. */
const RESUME_MS = 30_000;

/** A stretch of the run: what the cluster was going through, and the commands acknowledged in it. */
export interface LoadPhase {
  readonly name: 'all three' | 'a follower down' | 'the follower back' | 'the leader down' | 'all back';
  readonly seconds: number;
  readonly acknowledged: number;
}

export interface NodeLossReport {
  /** Every command sent, in the order sent; each was acknowledged (the phones send until answered). */
  readonly sent: readonly string[];
  readonly phases: readonly LoadPhase[];
  /**
   * After each kill: the longest time no command was acknowledged (ms), from the last acknowledgement
   * before the kill to the end of the phase.
   */
  readonly pauses: { readonly follower: number; readonly leader: number };
  /** How long each node brought back took to be current with the stream's leader (ms). */
  readonly catchUp: { readonly follower: number; readonly leader: number };
  readonly killed: { readonly follower: string; readonly leader: string };
}

/**
 * The node-loss run of issue 20: a village team's `phones` register residents and confirm their
 * e-health record, each command sent until answered (a phone resends an unanswered command with its
 * command id). Under that load, for `phaseMs` each: all three nodes; one node that does not lead the
 * event stream killed (SIGKILL), until commands are answered again if that takes longer; that node
 * back, once it is current; the stream's leader killed (the same); it back, once current. Answers what was sent and the figures; the caller checks the stream and the
 * read models.
 */
export async function loseNodesUnderLoad(
  d: DeploymentUnderTest<RunningCluster>,
  stream: string,
  { phones, phaseMs }: { phones: number; phaseMs: number },
): Promise<NodeLossReport> {
  const sent: string[] = [];
  const acks: number[] = [];
  let serial = 0;
  let stopping = false;
  const phone = async () => {
    while (!stopping) {
      await registerAndConfirm(d.services.outreach.url, d.keys['team']!, serial++, (commandId) => {
        sent.push(commandId);
        acks.push(Date.now());
      });
    }
  };
  const load = Promise.all(Array.from({ length: phones }, phone));
  load.catch(() => undefined); // its failure is reported where it is awaited

  const marks: { name: LoadPhase['name']; at: number }[] = [];
  /** `phaseMs` of load; after a kill, longer if need be: until the phones' commands are answered again. */
  const phase = async (name: LoadPhase['name'], afterKill = false) => {
    const at = Date.now();
    marks.push({ name, at });
    await new Promise((r) => setTimeout(r, phaseMs));
    if (afterKill)
      await until(
        `commands answered after ${name}`,
        async () => acks.filter((t) => t > at).length >= phones,
        RESUME_MS,
      );
  };
  const cluster = d.nats;
  try {
    await phase('all three');
    const leader = await cluster.leaderOf(stream);
    const follower = cluster.nodes.find((n) => n.name !== leader)!;
    await follower.crash();
    await phase('a follower down', true);
    const followerBack = Date.now();
    await follower.start();
    await cluster.replicasCurrent(stream);
    const followerCatchUp = Date.now() - followerBack;
    await phase('the follower back');
    const leaderNode = cluster.node(await cluster.leaderOf(stream));
    await leaderNode.crash();
    await phase('the leader down', true);
    const leaderBack = Date.now();
    await leaderNode.start();
    await cluster.replicasCurrent(stream);
    const leaderCatchUp = Date.now() - leaderBack;
    await phase('all back');
    marks.push({ name: 'all back', at: Date.now() });
    stopping = true;
    await load;
    const phases = marks.slice(0, -1).map((m, i) => ({
      name: m.name,
      seconds: (marks[i + 1]!.at - m.at) / 1000,
      acknowledged: acks.filter((t) => t >= m.at && t < marks[i + 1]!.at).length,
    }));
    const pauseAfter = (i: number) => longestGap(acks, marks[i]!.at, marks[i + 1]!.at);
    return {
      sent,
      phases,
      pauses: { follower: pauseAfter(1), leader: pauseAfter(3) },
      catchUp: { follower: followerCatchUp, leader: leaderCatchUp },
      killed: { follower: follower.name, leader: leaderNode.name },
    };
  } finally {
    stopping = true;
  }
}

/** The longest time between acknowledgements from the last one before `from` up to `to` (ms). */
function longestGap(acks: readonly number[], from: number, to: number): number {
  const times = [...acks].sort((a, b) => a - b);
  const before = times.filter((t) => t < from).pop() ?? from;
  const within = [before, ...times.filter((t) => t >= from && t < to), to];
  return Math.max(...within.slice(1).map((t, i) => t - within[i]!));
}
