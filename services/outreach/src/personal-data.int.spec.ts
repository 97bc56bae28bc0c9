import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ORGANISATIONS, startOutreach, type OutreachHarness } from './testing/outreach-harness';

/**
 * docs/mission/ARCHITECTURE.md §7: a raw ID-card number must never reach an event, a log line or a table. This test
 * sends one citizen ID number in every field of every endpoint — where it belongs and where it does
 * not — then searches the whole JetStream stream (bodies and headers), every table of the service's
 * database and everything the service logged.
 */
const CCCD = '079190004321';
const SPACED = '079 190 004 321';
const NOW = '2026-03-02T08:30:00+07:00';
let h: OutreachHarness;
let residentKey: string;

beforeAll(async () => {
  h = await startOutreach(ORGANISATIONS);
  const registered = await h.call('POST', '/v1/residents', h.keys['office'], {
    commandId: randomUUID(),
    occurredAt: NOW,
    citizenId: CCCD,
    villageCode: 'thon-1',
    consent: true,
    name: 'Võ Thị Mai',
  });
  residentKey = (await registered.json()).residentKey;
});
afterAll(() => h?.stop());

const householdId = randomUUID();
const templates: Record<string, Record<string, unknown>> = {
  '/v1/visits': {
    villageCode: 'thon-1',
    householdId,
    topics: ['vneid'],
    residentsGuided: [],
    followUp: { topics: ['vneid'], dueBy: '2026-03-09' },
    note: 'ghi chú',
    teamMemberId: randomUUID(),
  },
  '/v1/households': { householdId, villageCode: 'thon-1', code: 'H-1' },
  '/v1/residents': {
    citizenId: CCCD,
    villageCode: 'thon-1',
    consent: true,
    householdId,
    name: 'Mai',
    phone: '0912345678',
    birthYear: 1990,
  },
  '/v1/residents/consents': { residentKey: 'RK', given: true, name: 'Mai', phone: '0912345678', householdId },
  '/v1/residents/moves': {
    residentKey: 'RK',
    toVillage: 'thon-2',
    toHouseholdId: householdId,
    effectiveDate: '2026-04-01',
  },
  '/v1/adoptions/confirmations': {
    citizenId: CCCD,
    indicator: 'vneid',
    stage: 'guided',
    evidence: 'self-reported',
  },
  '/v1/adoptions/retractions': {
    residentKey: 'RK',
    indicator: 'vneid',
    stage: 'guided',
    reason: 'other',
    note: 'lý do',
  },
  '/v1/residents/lookup': { citizenId: CCCD },
};

/** Every way of putting the number into a body: each field, nested fields and list items, and one field too many. */
function poisoned(template: Record<string, unknown>): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [
    { ...template, cccd: CCCD },
    { ...template, commandId: CCCD },
    { ...template, occurredAt: `${CCCD}` },
  ];
  for (const [field, value] of Object.entries(template)) {
    if (Array.isArray(value)) variants.push({ ...template, [field]: [SPACED] });
    else if (value && typeof value === 'object')
      for (const inner of Object.keys(value))
        variants.push({ ...template, [field]: { ...(value as object), [inner]: CCCD } });
    else
      variants.push(
        { ...template, [field]: field === 'birthYear' ? Number(CCCD) : CCCD },
        { ...template, [field]: `ghi chú ${SPACED}` },
      );
  }
  return variants;
}

it('never stores, logs or echoes a citizen ID number, wherever it is sent', async () => {
  const send = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await h.call('POST', path, h.keys['office'], body, headers);
    expect(await res.text()).not.toContain(CCCD.slice(3));
  };
  for (const [path, template] of Object.entries(templates)) {
    const withKey = JSON.parse(JSON.stringify(template).replaceAll('"RK"', JSON.stringify(residentKey)));
    await send(path, { commandId: randomUUID(), occurredAt: NOW, ...withKey });
    for (const body of poisoned(withKey))
      await send(path, { commandId: randomUUID(), occurredAt: NOW, ...body });
    await send(
      path,
      { commandId: randomUUID(), occurredAt: NOW, ...withKey },
      { 'x-correlation-id': CCCD, traceparent: `00-${CCCD}${'0'.repeat(20)}-00f067aa0ba902b7-01` },
    );
  }
  await send('/v1/batch', {
    items: Object.entries(templates)
      .slice(0, 3)
      .map(([path, t]) => ({
        kind: kindOf(path),
        input: { commandId: randomUUID(), occurredAt: NOW, ...t, note: CCCD },
      })),
  });
  await send(
    '/v1/imports/confirmations?dryRun=false',
    `Số CCCD;Chỉ tiêu;Giai đoạn;Ngày;Ghi chú\n${CCCD};1;Đã hướng dẫn;02/03/2026;${CCCD}\n${SPACED};x;${CCCD};${CCCD};\n`,
    { 'content-type': 'text/csv' },
  );
  await send(
    '/v1/imports/visits?dryRun=false',
    `Thôn;Mã hộ;Ngày;Chủ đề;Ghi chú\nthon-1;${CCCD};02/03/2026;5;${CCCD}\n${CCCD};H-9;${CCCD};${CCCD};\n`,
    { 'content-type': 'text/csv' },
  );
  for (const path of [
    `/v1/residents/${CCCD}`,
    `/v1/households/${CCCD}`,
    `/v1/visits/${CCCD}`,
    `/v1/residents?village=${CCCD}`,
    `/v1/visits?village=thon-1&organisation=${CCCD}`,
    `/v1/worklist?village=${CCCD}&indicator=vneid`,
  ]) {
    const res = await h.call('GET', path, h.keys['office']);
    expect(await res.text()).not.toContain(CCCD.slice(3));
  }

  const stream = await everythingInTheStream();
  const tables = await everythingInTheDatabase();
  expect(stream.length).toBeGreaterThan(5000);
  expect(tables.length).toBeGreaterThan(1000);
  // The log holds a line for each of those requests and refusals — by route template and code.
  expect(h.service.logs()).toContain('/v1/residents/:residentKey');
  expect(h.service.logs()).toContain('command refused');
  for (const needle of [CCCD, CCCD.slice(3), SPACED]) {
    expect(stream).not.toContain(needle);
    expect(tables).not.toContain(needle);
    expect(h.service.logs()).not.toContain(needle);
  }
});

const kindOf = (path: string) =>
  ({
    '/v1/visits': 'log-visit',
    '/v1/households': 'register-household',
    '/v1/residents': 'register-resident',
  })[path]!;

async function everythingInTheStream(): Promise<string> {
  const js = jetstream(h.nc);
  const consumer = await js.consumers.get(h.store.streamName, { deliver_policy: DeliverPolicy.All });
  const total = await h.store.lastPosition();
  const parts: string[] = [];
  const messages = await consumer.consume();
  for await (const m of messages) {
    parts.push(m.subject, m.string(), JSON.stringify([...(m.headers ?? new Map())]));
    if (m.seq >= total) break;
  }
  return parts.join('\n');
}

async function everythingInTheDatabase(): Promise<string> {
  const client = new Client({ connectionString: h.db.url });
  await client.connect();
  try {
    const { rows: tables } = await client.query(
      `select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const dumps = await Promise.all(
      tables.map(async ({ table_name }) =>
        JSON.stringify((await client.query(`select * from "${table_name}"`)).rows),
      ),
    );
    return dumps.join('\n');
  } finally {
    await client.end();
  }
}
