import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
import { until } from '@cnscd/testing';
import { commitsPerCommand, registerAndConfirm, valuesAndRebuilt } from './phones';

/**
 * Fault injection: the outreach service (taking the commands) and the indicators service (projecting
 * them) are killed with SIGKILL while a village team's phones send registrations and confirmations,
 * then started again. The phones do what the app does: a command left unanswered is sent again with
 * the same command id. Nothing acknowledged is lost, nothing is recorded twice, and the indicators the
 * restarted projection computed equal a rebuild from the stream.
 */
jest.setTimeout(180_000);

const COMMUNE = '99001';
const TEAM = anOrganisation('village-team', 'team-leader', 'team');
const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');
const RESIDENTS = 40;

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment([TEAM, OFFICE]);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

it('loses nothing and doubles nothing when services are killed mid-load, and the indicators equal a rebuild', async () => {
  const sent: string[] = [];
  // Four phones at once; halfway, both services are killed and started again.
  let next = 0;
  const phone = async () => {
    while (next < RESIDENTS)
      sent.push(...(await registerAndConfirm(d.services.outreach.url, d.keys['team']!, next++)));
  };
  const load = Promise.all([phone(), phone(), phone(), phone()]);
  load.catch(() => undefined); // its failure is reported where it is awaited
  await until('half the load', async () => next >= RESIDENTS / 2, 60_000);
  await Promise.all([d.services.outreach.crash(), d.services.indicators.crash()]);
  await new Promise((r) => setTimeout(r, 500));
  await Promise.all([d.services.outreach.restart(), d.services.indicators.restart()]);
  await load;

  // Every command acknowledged is in the stream, once.
  const commitsOf = await commitsPerCommand(d.nc, { commune: COMMUNE, context: 'outreach' });
  expect(sent).toHaveLength(RESIDENTS * 2);
  expect(sent.filter((id) => commitsOf.get(id)?.size !== 1)).toEqual([]);

  // The restarted projection's indicators equal a rebuild from the whole stream.
  const { projected, rebuilt } = await valuesAndRebuilt(d.services.indicators.url, d.keys['office']!);
  const health = projected.find((v) => v.indicator === 'e-health-record' && v.village === 'thon-1');
  expect(health.numerator).toBe(RESIDENTS);
  expect(rebuilt).toEqual(projected);
});
