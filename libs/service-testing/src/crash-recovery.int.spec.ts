import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@cnscd/event-store';
import { EventStore } from '@cnscd/event-store';
import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
import type { Json } from './service-under-test';

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
/** A structurally valid CCCD: Lâm Đồng (068), a man born 1985. */
const cccd = (serial: number) => `068085${String(100_000 + serial).padStart(6, '0')}`;

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment([TEAM, OFFICE]);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

/** What a phone does: send, and on no answer (or 5xx) send the very same command again. */
async function sendUntilAnswered(path: string, body: Json): Promise<Json> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const res = await fetch(`${d.services.outreach.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['team']}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    }).catch(() => null);
    if (res && res.status < 500) {
      const answer = await res.json();
      if (res.status >= 400) throw new Error(`${path} refused (${res.status}): ${JSON.stringify(answer)}`);
      return answer;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never answered`);
}

const office = async (path: string, init: RequestInit = {}): Promise<Json> => {
  const res = await fetch(`${d.services.indicators.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['office']}` },
  });
  return res.json();
};
const until = async (what: string, probe: () => Promise<boolean>, ms = 60_000) => {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

it('loses nothing and doubles nothing when services are killed mid-load, and the indicators equal a rebuild', async () => {
  const sent: string[] = [];
  const register = async (i: number) => {
    const commandId = randomUUID();
    sent.push(commandId);
    const { residentKey } = await sendUntilAnswered('/v1/residents', {
      commandId,
      occurredAt: new Date().toISOString(),
      citizenId: cccd(i),
      villageCode: 'thon-1',
      consent: false,
    });
    const confirmation = randomUUID();
    sent.push(confirmation);
    await sendUntilAnswered('/v1/adoptions/confirmations', {
      commandId: confirmation,
      occurredAt: new Date().toISOString(),
      residentKey,
      indicator: 'e-health-record',
      stage: 'active',
      evidence: 'self-reported',
    });
  };
  // Four phones at once; halfway, both services are killed and started again.
  let next = 0;
  const phone = async () => {
    while (next < RESIDENTS) await register(next++);
  };
  const load = Promise.all([phone(), phone(), phone(), phone()]);
  load.catch(() => undefined); // its failure is reported where it is awaited
  await until('half the load', async () => next >= RESIDENTS / 2, 60_000);
  await Promise.all([d.services.outreach.crash(), d.services.indicators.crash()]);
  await new Promise((r) => setTimeout(r, 500));
  await Promise.all([d.services.outreach.restart(), d.services.indicators.restart()]);
  await load;

  // Every command acknowledged is in the stream, once.
  const store = await EventStore.create(d.nc);
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll({ filter: { commune: COMMUNE, context: 'outreach' } }))
    events.push(...batch.events);
  const commitsOf = new Map<string, Set<number>>();
  for (const e of events) {
    const positions = commitsOf.get(e.metadata.commandId) ?? new Set<number>();
    commitsOf.set(e.metadata.commandId, positions.add(e.position));
  }
  expect(sent).toHaveLength(RESIDENTS * 2);
  expect(sent.filter((id) => commitsOf.get(id)?.size !== 1)).toEqual([]);

  // The restarted projection's indicators equal a rebuild from the whole stream.
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const values = async () => (await office(`/v1/values?date=${today}`)).values as Json[];
  await until('indicators caught up', async () =>
    (await office('/v1/freshness')).every((r: Json) => r.behind === 0 && r.live),
  );
  const projected = await values();
  const health = projected.find((v) => v.indicator === 'e-health-record' && v.village === 'thon-1');
  expect(health.numerator).toBe(RESIDENTS);
  await office('/v1/admin/rebuilds', { method: 'POST' });
  await until(
    'the rebuild switched over',
    async () => (await office('/v1/admin/rebuilds/current')).status === 'switched',
  );
  expect(await values()).toEqual(projected);
});
