import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  SERVICE_NAMES,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import type { Json } from './service-under-test';

/**
 * Issue 18: the analysts' tool (`npm run cnscd -- …`, scripts/cnscd.mjs) end to end against a running
 * deployment, with an analyst's key: the commune's events as NDJSON, indicator values and series as
 * CSV (as of a day, as known at an instant), visits and residents as CSV, and a replay table.
 */
jest.setTimeout(180_000);

const TEAM = anOrganisation('village-team', 'team-leader', 'team');
const ANALYST = anOrganisation('culture-society-office', 'analyst', 'analyst');
const CCCD = '068085123458';
const tool = resolve(__dirname, '../../../scripts/cnscd.mjs');

let d: DeploymentUnderTest;
let residentKey: string;
let beforeTheConfirmation: string;
beforeAll(async () => {
  d = await startDeployment([TEAM, ANALYST]);
  const resident = await post('/v1/residents', {
    occurredAt: '2026-02-01T09:00:00+07:00',
    citizenId: CCCD,
    villageCode: 'thon-1',
    consent: true,
    name: 'Nguyễn Thị Lan',
  });
  residentKey = resident.residentKey;
  await post('/v1/visits', {
    occurredAt: '2026-02-01T09:30:00+07:00',
    villageCode: 'thon-1',
    householdId: randomUUID(),
    topics: ['vneid'],
  });
  beforeTheConfirmation = new Date().toISOString();
  await post('/v1/adoptions/confirmations', {
    occurredAt: '2026-03-01T09:00:00+07:00',
    residentKey,
    indicator: 'digital-signature',
    stage: 'installed',
    evidence: 'provider-records',
  });
  // The indicators have counted it before the tool reads them.
  for (let i = 0; i < 100 && (await signatures()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

async function post(path: string, body: Json): Promise<Json> {
  const res = await fetch(`${d.services.outreach.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['team']}` },
    body: JSON.stringify({ commandId: randomUUID(), ...body }),
  });
  expect(res.status).toBe(201);
  return res.json();
}

async function signatures(): Promise<number> {
  const res = await fetch(`${d.services.indicators.url}/v1/values?date=2026-03-31`, {
    headers: { authorization: `Bearer ${d.keys['analyst']}` },
  });
  const { values } = (await res.json()) as { values: Json[] };
  return values.find((v) => v.indicator === 'digital-signature' && v.village === 'thon-1')?.numerator ?? 0;
}

/** Runs the tool as an analyst would, against the deployment's services. */
function cnscd(args: string[], key = d.keys['analyst']!) {
  const urls = SERVICE_NAMES.map((s) => `${s}=${d.services[s].url}`).join(',');
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [tool, ...args], {
      env: { ...process.env, CNSCD_SERVICE_URLS: urls, CNSCD_KEY: key, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** CSV as the tool writes it (BOM, CRLF, RFC 4180 quotes) as objects. */
function rowsOf(csv: string): Record<string, string>[] {
  const records: string[][] = [[]];
  let field = '';
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, '');
  const endField = () => {
    records.at(-1)!.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') endField();
    else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      endField();
      records.push([]);
      i++;
    } else field += c;
  }
  const [names = [], ...rows] = records.filter((r) => r.length > 0);
  return rows.map((r) => Object.fromEntries(r.map((v, i) => [names[i], v])));
}

it('exports the commune’s events in stream order as NDJSON, pseudonymous, to a file, with progress', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'cnscd-tool-')), 'events.ndjson');
  const run = await cnscd(['events', '--from', '2020-01-01', '--to', '2099-12-31', '--out', out]);
  expect(run.code).toBe(0);
  const events = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Json);
  expect(events.map((e) => e.type)).toEqual(
    expect.arrayContaining(['ResidentRegistered', 'VisitLogged', 'AdoptionStageConfirmed']),
  );
  const positions = events.map((e) => e.position as number);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  const registered = events.find((e) => e.type === 'ResidentRegistered');
  expect(registered.data).toMatchObject({ residentKey, personal: '(sealed)' });
  const text = readFileSync(out, 'utf8');
  for (const secret of [CCCD, 'Nguyễn Thị Lan', 'commandHash']) expect(text).not.toContain(secret);
  expect(run.stderr).toMatch(new RegExp(`events: ${events.length} \\(outreach \\d+`));
});

it('exports nothing from a period before anything was recorded', async () => {
  const run = await cnscd(['events', '--from', '2020-01-01', '--to', '2020-01-31']);
  expect(run).toMatchObject({ code: 0, stdout: '' });
});

it('writes the values as of a day, and as known before a confirmation arrived, as CSV', async () => {
  const now = await cnscd(['values', '--date', '2026-03-31']);
  const asKnown = await cnscd(['values', '--date', '2026-03-31', '--known-at', beforeTheConfirmation]);
  const pick = (csv: string) =>
    rowsOf(csv).find((r) => r.indicator === 'digital-signature' && r.village === 'thon-1');
  expect(pick(now.stdout)).toMatchObject({ date: '2026-03-31', numerator: '1' });
  expect(pick(asKnown.stdout)).toMatchObject({ numerator: '0' });
});

it('writes a series, one row per indicator, village and month', async () => {
  const run = await cnscd(['series', '--from', '2026-01-01', '--to', '2026-04-30', '--grain', 'month']);
  const rows = rowsOf(run.stdout).filter(
    (r) => r.indicator === 'digital-signature' && r.village === 'thon-1',
  );
  expect(rows.map((r) => [r.day, r.numerator])).toEqual([
    ['2026-01-31', '0'],
    ['2026-02-28', '0'],
    ['2026-03-31', '1'],
    ['2026-04-30', '1'],
  ]);
});

it('writes the visits and the residents (pseudonymous) as CSV', async () => {
  const visits = rowsOf((await cnscd(['visits'])).stdout);
  expect(visits).toEqual([expect.objectContaining({ villageCode: 'thon-1', topics: 'vneid' })]);
  const residents = await cnscd(['residents']);
  expect(rowsOf(residents.stdout)).toEqual([expect.objectContaining({ residentKey, villageCode: 'thon-1' })]);
  expect(residents.stdout).not.toContain('Nguyễn');
});

it('replays how each indicator evolved over the period, as a table', async () => {
  const run = await cnscd(['replay', '--from', '2026-01-01', '--to', '2026-04-30', '--village', 'thon-1']);
  expect(run.code).toBe(0);
  // Thôn 1 has no population estimate: the counts are shown, 0 in January, 1 from March.
  expect(run.stdout).toMatch(/^digital-signature +▁▁██ +0 → +1 /m);
});

it('says what is wrong with a bad day, a missing period or a refused key', async () => {
  expect(await cnscd(['values', '--date', '31/03/2026'])).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/--date/),
  });
  expect(await cnscd(['events'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--from/) });
  const keyFile = join(mkdtempSync(join(tmpdir(), 'cnscd-key-')), 'key');
  writeFileSync(keyFile, d.keys['team']!);
  // A village team may not export events: the tool stops with the service's answer.
  const refused = await cnscd(
    ['events', '--from', '2026-01-01', '--to', '2026-12-31', '--key-file', keyFile],
    '',
  );
  expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/403/) });
});
