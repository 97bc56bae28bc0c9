import { jetstreamManager } from '@nats-io/jetstream';
import { AUDIT_STREAM } from '@cnscd/contracts';
import { DEFAULT_STREAM_SETTINGS } from '@cnscd/event-store';
import { startNatsCluster, until, type RunningCluster } from '@cnscd/testing';
import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
import { loseNodesUnderLoad } from './node-loss';
import { commitsPerCommand, valuesAndRebuilt } from './phones';
import type { Json } from './service-under-test';

/**
 * Issue 20 §1: the deployment on a 3-node JetStream cluster (the event stream R3, `sync_interval:
 * always`, every service given the three servers). Under a steady load of commands, one node that leads
 * neither the event stream nor the cluster's metadata is killed (SIGKILL), brought back, then the
 * stream's leader: writes go on within 5 s of losing the follower and once a new leader is elected
 * after losing the leader, and within 5 s of the leader being stopped in lame duck mode (an upgrade),
 * every node brought back catches up, no acknowledged command is lost or recorded twice, every
 * projection catches up and the indicators equal a rebuild. CI runs it with four phones and 3 s per
 * phase; `CNSCD_CLUSTER_FULL=1` with sixteen and 15 s (the figures in docs/benchmarks.md come from
 * `npm run bench -- cluster`, the same run).
 */
const FULL = process.env.CNSCD_CLUSTER_FULL === '1';
const LOAD = FULL ? { phones: 16, phaseMs: 15_000 } : { phones: 4, phaseMs: 3_000 };
jest.setTimeout(FULL ? 600_000 : 240_000);

const COMMUNE = '99001';
/**
 * From JetStream back (a new stream leader and a meta leader) to the next acknowledged command: a
 * resend (every ≈ 1.75 s), a stalled consumer's replacement (1 s) and two shared cores' slack. Measured
 * 0–3.5 s over twenty runs (2026-12-04); the whole pause, elections included, 4.2–11.6 s.
 */
const RESUMED_AFTER_ELECTION_MS = 5000;
const STREAM = DEFAULT_STREAM_SETTINGS.streamName;
const TEAM = anOrganisation('village-team', 'team-leader', 'team');
const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');

let d: DeploymentUnderTest<RunningCluster>;
beforeAll(async () => {
  d = await startDeployment([TEAM, OFFICE], { bus: startNatsCluster });
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

it('replicates the event stream and the audit stream three ways on disk', async () => {
  const res = await fetch(`${d.services.outreach.url}/health/ready`);
  expect(res.status).toBe(200);
  const jsm = await jetstreamManager(d.nc);
  for (const name of [STREAM, AUDIT_STREAM]) {
    const { config, cluster } = await jsm.streams.info(name);
    expect({ name, replicas: config.num_replicas, storage: config.storage }).toEqual({
      name,
      replicas: 3,
      storage: 'file',
    });
    expect(cluster?.replicas?.map((r) => r.current)).toEqual([true, true]);
  }
});

it('keeps taking commands when a node, then the stream leader, is killed and when the leader is stopped for an upgrade, losing and doubling nothing', async () => {
  const report = await loseNodesUnderLoad(d, STREAM, LOAD);

  // Writes resumed within 5 s of losing a follower. Losing the leader, they wait for the elections
  // (the stream's, and the meta leader's when the node held both), which are nats-server's: its
  // followers wait a random 4–9 s without a heartbeat before they campaign (server/raft.go, fixed).
  // What is ours is measured from JetStream back on. The whole pause is in `npm run bench -- cluster`.
  expect(report.pauses.follower).toBeLessThanOrEqual(5000);
  expect(report.resumedAfterElection).toBeLessThanOrEqual(RESUMED_AFTER_ELECTION_MS);
  // Stopped as for an upgrade (lame duck mode), the leader hands over first: no election to wait for.
  expect(report.pauses.lameDuck).toBeLessThanOrEqual(5000);
  expect(report.phases.filter((p) => p.acknowledged === 0)).toEqual([]);
  expect(report.killed.leader).not.toBe(report.killed.follower);

  // Every acknowledged command is in the stream, once.
  const commitsOf = await commitsPerCommand(d.nc, { commune: COMMUNE, context: 'outreach' });
  expect(report.sent.filter((id) => commitsOf.get(id)?.size !== 1)).toEqual([]);
  expect(report.sent.length).toBeGreaterThan(0);

  // Every consumer of every service caught up; the indicators equal a rebuild from the stream.
  for (const service of Object.values(d.services))
    await until(`${service.url} caught up`, async () => {
      const res = await fetch(`${service.url}/health/ready`);
      return res.status === 200;
    });
  const { projected, rebuilt } = await valuesAndRebuilt(d.services.indicators.url, d.keys['office']!);
  const health = projected.find((v: Json) => v.indicator === 'e-health-record' && v.village === 'thon-1');
  expect(health.numerator).toBe(report.sent.length / 2);
  expect(rebuilt).toEqual(projected);
});
