import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import {
  SERVICE_NAMES,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import type { Json } from './service-under-test';

/**
 * Fault injection on the whole deployment (docs/mission/ARCHITECTURE.md §9): malformed messages of every kind are
 * published straight to the event stream, in every bounded context, by a bus user allowed to append.
 * Every consumer of every service must park each one it reads and go on with the valid events after.
 */
jest.setTimeout(120_000);

const COMMUNE = '99001';
const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');
const SOON_REVOKED = { ...OFFICE, id: 'soon-revoked' };
const CONTEXTS = ['identity', 'outreach', 'merchants', 'training', 'indicators'] as const;
/** A published event type of each context, sent with data that breaks its contract. */
const A_TYPE: Record<(typeof CONTEXTS)[number], [aggregate: string, type: string]> = {
  identity: ['key-ring', 'ApiKeyIssued'],
  outreach: ['visit', 'VisitLogged'],
  merchants: ['merchant', 'MerchantRegistered'],
  training: ['team', 'TeamRegistered'],
  indicators: ['settings', 'TargetSet'],
};

let d: DeploymentUnderTest;
const malformed: { kind: string; subject: string; position: number }[] = [];

const meta = () => ({
  commandId: randomUUID(),
  commandHash: 'h',
  actor: { organisationId: 'intruder', userId: 'intruder' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});
const anEvent = (type: string, at = new Date().toISOString()) => ({
  id: randomUUID(),
  type,
  sv: 1,
  at,
  data: {},
});

async function publish(kind: string, subject: string, body: unknown) {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  const { seq } = await jetstream(d.nc).publish(subject, data);
  malformed.push({ kind, subject, position: seq });
}

/** Every kind of malformed message the outside checks found, in one context. */
async function publishMalformed(context: (typeof CONTEXTS)[number]) {
  const [aggregate, type] = A_TYPE[context];
  const subject = () => `cnscd.evt.${COMMUNE}.${context}.${aggregate}.${randomUUID()}`;
  await publish('not JSON', subject(), '{ "v": 1, "events": [');
  await publish('no events', subject(), { v: 1, meta: meta() });
  await publish('year 0000', subject(), {
    v: 1,
    meta: meta(),
    events: [anEvent(type, '0000-01-01T00:00:00Z')],
  });
  await publish('a timestamp that is no time', subject(), {
    v: 1,
    meta: meta(),
    events: [anEvent(type, 'soon')],
  });
  await publish('a subject one token short', `cnscd.evt.${COMMUNE}.${context}.${aggregate}`, {
    v: 1,
    meta: meta(),
    events: [anEvent(type)],
  });
  await publish('data that breaks its contract', subject(), { v: 1, meta: meta(), events: [anEvent(type)] });
}

/** NATS subject matching: `*` is one token, `>` the rest (one or more). */
function matches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length || (f[i] !== '*' && f[i] !== s[i])) return false;
  }
  return f.length === s.length;
}

const get = async (service: (typeof SERVICE_NAMES)[number], path: string, key = d.keys['office']!) => {
  const res = await fetch(`${d.services[service].url}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const post = async (service: (typeof SERVICE_NAMES)[number], path: string, body: unknown) => {
  const res = await fetch(`${d.services[service].url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['office']}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

/** Waits until every consumer of every service has read everything its filter matches. */
async function everyConsumerCaughtUp(): Promise<Record<string, Json[]>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const all = Object.fromEntries(
      await Promise.all(
        SERVICE_NAMES.map(async (s) => [s, (await get(s, '/v1/freshness')).body as Json[]] as const),
      ),
    );
    if (Object.values(all).every((rows) => rows.every((r) => r.behind === 0 && r.live))) return all;
    if (Date.now() > deadline) throw new Error(`not caught up: ${JSON.stringify(all)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  d = await startDeployment([OFFICE, SOON_REVOKED]);
  for (const context of CONTEXTS) await publishMalformed(context);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

describe('malformed messages on the event stream', () => {
  it('are parked by every consumer of every service that reads them, which goes on with the valid events after', async () => {
    const valid = [
      await post('outreach', '/v1/visits', {
        commandId: randomUUID(),
        villageCode: 'thon-1',
        householdId: randomUUID(),
        occurredAt: new Date().toISOString(),
        topics: ['vneid'],
      }),
      await post('merchants', '/v1/streets', {
        commandId: randomUUID(),
        occurredAt: new Date().toISOString(),
        streetId: randomUUID(),
        name: 'Đường Hùng Vương',
        villageCodes: ['thon-1'],
      }),
      await post('training', '/v1/teams', {
        commandId: randomUUID(),
        occurredAt: new Date().toISOString(),
        villageCode: 'thon-1',
        villageName: 'Thôn 1',
        communeName: 'Di Linh',
      }),
      await post('indicators', '/v1/targets', {
        commandId: randomUUID(),
        occurredAt: new Date().toISOString(),
        indicator: 'e-commerce',
        villageCode: 'thon-1',
        year: 2026,
        value: 0.2,
        reason: 'Thử nghiệm / test',
      }),
    ];
    expect(valid.map((v) => v.status)).toEqual([201, 201, 201, 201]);

    const freshness = await everyConsumerCaughtUp();
    for (const service of SERVICE_NAMES) {
      const parked: Json[] = (await get(service, '/v1/admin/parked')).body;
      for (const consumer of freshness[service]!) {
        const expected = malformed.filter((m) => matches(consumer.filter, m.subject)).map((m) => m.position);
        const got = parked.filter((p) => p.projection === consumer.projection).map((p) => p.position);
        expect({ service, consumer: consumer.projection, parked: got.sort((a, b) => a - b) }).toEqual({
          service,
          consumer: consumer.projection,
          parked: expected.sort((a, b) => a - b),
        });
        expect(consumer.state).toBe(expected.length > 0 ? 'parked' : 'live');
      }
      const ready = await fetch(`${d.services[service].url}/health/ready`);
      expect({ service, status: ready.status, body: ((await ready.json()) as Json).status }).toEqual({
        service,
        status: 503,
        body: 'degraded',
      });
    }
    // The valid events after the malformed ones were projected.
    expect((await get('outreach', `/v1/visits/${valid[0]!.body.visitId}`)).status).toBe(200);
    expect((await get('training', '/v1/teams')).body).toEqual([
      expect.objectContaining({ villageCode: 'thon-1', villageName: 'Thôn 1' }),
    ]);
  });

  it('never stop the credentials: a key revoked after a malformed identity commit is refused by every service', async () => {
    const soon = d.keys['soon-revoked']!;
    for (const service of SERVICE_NAMES) expect((await get(service, '/v1/freshness', soon)).status).toBe(200);
    await publishMalformed('identity');
    await d.revokeKey('soon-revoked');
    for (const service of SERVICE_NAMES) {
      let status = 0;
      for (let i = 0; i < 50 && status !== 401; i++) {
        status = (await get(service, '/v1/freshness', soon)).status;
        if (status !== 401) await new Promise((r) => setTimeout(r, 100));
      }
      expect({ service, status }).toEqual({ service, status: 401 });
    }
  });
});

describe('replaying parked events', () => {
  it('replays the credentials in order into a fresh directory: what still cannot apply stays parked, keys still work', async () => {
    const res = await fetch(`${d.services.outreach.url}/v1/admin/parked/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['office']}` },
      body: JSON.stringify({ projection: 'identity.credentials' }),
    });
    expect(res.status).toBe(200);
    const parkedBefore = ((await get('outreach', '/v1/admin/parked')).body as Json[]).filter(
      (p) => p.projection === 'identity.credentials',
    );
    expect(((await res.json()) as Json).results).toEqual([
      { projection: 'identity.credentials', replayed: 0, stillParked: parkedBefore.length },
    ]);
    expect(parkedBefore.length).toBeGreaterThan(0);
    expect((await get('outreach', '/v1/freshness')).status).toBe(200);
  });
});

describe('a malformed record on the audit stream', () => {
  it('is parked by the identity service’s audit follower, which keeps recording the refusals after it', async () => {
    const js = jetstream(d.nc);
    const { seq } = await js.publish(`cnscd.audit.${COMMUNE}.outreach`, '{"at": "never"}');
    // A refusal after it: a request without a credential.
    expect((await fetch(`${d.services.outreach.url}/v1/visits`)).status).toBe(401);
    let parked: Json[] = [];
    for (let i = 0; i < 50 && parked.length === 0; i++) {
      parked = ((await get('identity', '/v1/admin/parked')).body as Json[]).filter(
        (p) => p.projection === 'identity.audit-refused.v1',
      );
      if (parked.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(parked).toEqual([
      expect.objectContaining({ position: seq, reason: expect.stringContaining('at') }),
    ]);
    let audit: Json[] = [];
    for (let i = 0; i < 50 && !audit.some((e) => e.action === 'GET /v1/visits'); i++) {
      audit = (await get('identity', '/v1/audit?limit=1000')).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(audit).toContainEqual(expect.objectContaining({ action: 'GET /v1/visits', status: 401 }));
  });
});
