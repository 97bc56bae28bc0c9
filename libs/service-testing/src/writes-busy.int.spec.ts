import { randomUUID } from 'node:crypto';
import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';

/**
 * A service told to run few writes at once and let few wait (`WRITES_WAITING_MAX`) refuses the rest at
 * once with 503 `busy` and `Retry-After` instead of queueing them; sent again with the same command
 * ids, every one of them is recorded once.
 */
jest.setTimeout(120_000);

const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');
const IN_FLIGHT = 2;
const WAITING = 1;
const BURST = 100;

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment([OFFICE], {
    env: {
      outreach: {
        WRITES_IN_FLIGHT: String(IN_FLIGHT),
        WRITES_WAITING_MAX: String(WAITING),
        LOG_FORMAT: 'json',
      },
    },
  });
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

const asOffice = () => ({ authorization: `Bearer ${d.keys['office']}` });
const logVisit = (body: object) =>
  fetch(`${d.services.outreach.url}/v1/visits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...asOffice() },
    body: JSON.stringify(body),
  });

const aVisit = () => ({
  commandId: randomUUID(),
  villageCode: 'thon-9',
  householdId: randomUUID(),
  occurredAt: new Date().toISOString(),
  topics: ['vneid'],
});

type LogLine = { level: number; msg: string; code?: string; status?: number };
const WARN = 40; // pino's level numbers: 40 warn, 50 error

const outreachLog = (): LogLine[] =>
  d.services.outreach
    .logs()
    .split('\n')
    .filter((l) => l.startsWith('{') && l.endsWith('}'))
    .map((l) => JSON.parse(l) as LogLine);

/** Polls until `holds` (at most 10 s). */
async function until(holds: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 10_000; !holds(); await new Promise((r) => setTimeout(r, 10)))
    if (Date.now() > deadline) throw new Error('never came true');
}

/** Outreach's log lines that `match`, once there are `count` of them (written as answers go out). */
async function logLines(match: (l: LogLine) => boolean, count: number): Promise<LogLine[]> {
  for (let i = 0; i < 100 && outreachLog().filter(match).length < count; i++)
    await new Promise((r) => setTimeout(r, 50));
  return outreachLog().filter(match);
}

it('refuses writes beyond its waiting places as 503 busy, and records every visit once when they are sent again', async () => {
  const visits = Array.from({ length: BURST }, aVisit);

  // A nats-server standing still holds the writes it lets in at their append, so exactly as many as
  // run and wait are let in, whatever the machine's speed; the rest are answered at once, without NATS.
  d.nats.freeze();
  let answered = 0;
  const answers = visits.map((v) => logVisit(v).finally(() => answered++));
  try {
    await until(() => answered >= BURST - IN_FLIGHT - WAITING);
  } finally {
    d.nats.thaw();
  }
  const statuses = (await Promise.all(answers)).map((r) => r.status);
  const refused = (await Promise.all(answers)).filter((r) => r.status === 503);
  expect(statuses.filter((s) => s === 201)).toHaveLength(IN_FLIGHT + WAITING);
  expect(refused).toHaveLength(BURST - IN_FLIGHT - WAITING);
  expect(refused[0]!.headers.get('retry-after')).toMatch(/^[3-7]$/);
  expect(await refused[0]!.json()).toMatchObject({ code: 'busy' });

  // Refusing by design is no failure: a warning per refusal, no error line (docs/operations.md, Logs).
  const busy = await logLines((l) => l.code === 'busy' || l.status === 503, 2 * refused.length);
  expect(busy.filter((l) => l.msg === 'command refused' && l.level === WARN)).toHaveLength(refused.length);
  expect(busy.filter((l) => l.msg === 'request' && l.level === WARN)).toHaveLength(refused.length);
  expect(busy.filter((l) => l.level > WARN)).toEqual([]);

  // Sent again (the same command ids, one after the other): each recorded once, none twice.
  const again = [];
  for (const visit of visits) again.push((await logVisit(visit)).status);
  expect(again).toEqual(statuses.map((s) => (s === 201 ? 200 : 201)));
  const listed = await fetch(`${d.services.outreach.url}/v1/visits?village=thon-9&limit=500`, {
    headers: asOffice(),
  });
  expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(BURST);
});
