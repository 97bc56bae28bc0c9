/**
 * Node-loss benchmark (issue 20 §1): the whole deployment on a 3-node JetStream cluster (the event
 * stream R3, `sync_interval: always`), a village team's phones registering residents and confirming an
 * indicator (each command sent until answered, as the app does), one node that does not lead the
 * stream killed with SIGKILL and brought back, then the stream's leader. The same run as
 * libs/service-testing/src/cluster-node-loss.int.spec.ts at full load: BENCH_CLUSTER_PHONES phones
 * (default 16), BENCH_CLUSTER_PHASE_SECONDS per phase (default 15). Prints the throughput of each
 * phase beside the first (all three nodes up), the longest pause after each kill, and how long each
 * node took to catch up.
 */
import { DEFAULT_STREAM_SETTINGS } from '@cnscd/event-store';
import {
  anOrganisation,
  commitsPerCommand,
  loseNodesUnderLoad,
  startDeployment,
} from '@cnscd/service-testing';
import { startNatsCluster } from '@cnscd/testing';

const PHONES = Number(process.env.BENCH_CLUSTER_PHONES ?? 16);
const PHASE_SECONDS = Number(process.env.BENCH_CLUSTER_PHASE_SECONDS ?? 15);
async function main() {
  const d = await startDeployment(
    [anOrganisation('village-team', 'team-leader', 'team'), anOrganisation('culture-society-office')],
    { bus: startNatsCluster },
  );
  try {
    const report = await loseNodesUnderLoad(d, DEFAULT_STREAM_SETTINGS.streamName, {
      phones: PHONES,
      phaseMs: PHASE_SECONDS * 1000,
    });
    const commits = await commitsPerCommand(d.nc, { commune: '99001', context: 'outreach' });
    const lostOrDoubled = report.sent.filter((id) => commits.get(id)?.size !== 1).length;
    console.log(
      JSON.stringify({
        phones: PHONES,
        phaseSeconds: PHASE_SECONDS,
        commands: report.sent.length,
        lostOrDoubled,
        phases: report.phases.map((p) => ({ ...p, perSecond: p.acknowledged / p.seconds })),
        pauses: report.pauses,
        resumedAfterElection: report.resumedAfterElection,
        catchUp: report.catchUp,
      }),
    );
  } finally {
    await d.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
