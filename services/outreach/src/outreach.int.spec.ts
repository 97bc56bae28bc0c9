// Long: one real deployment (nats-server, PostgreSQL, the service as its own process) serves every
// scenario of this file; splitting it would start them again for each part and slow the suite.
import { describeRedelivery } from '@cnscd/service-testing';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { until } from '@cnscd/testing';
import { ORGANISATIONS, startOutreach, type Json, type OutreachHarness } from './testing/outreach-harness';

const COMMUNE = '99001';
const OTHER_COMMUNE = '99002';
const A_CCCD = '079203001234'; // shaped like a citizen ID number: must never be stored or echoed

let h: OutreachHarness;
let keys: Record<string, string>;

beforeAll(async () => {
  h = await startOutreach(ORGANISATIONS);
  keys = h.keys;
});
afterAll(() => h?.stop());

const aVisit = (overrides: Record<string, unknown> = {}) => ({
  commandId: randomUUID(),
  villageCode: 'thon-1',
  householdId: randomUUID(),
  occurredAt: '2026-03-02T08:30:00+07:00',
  topics: ['vneid', 'e-health-record'],
  residentsGuided: ['c'.repeat(64)],
  followUp: { topics: ['digital-signature'], dueBy: '2026-03-16' },
  note: 'Hộ cần hỗ trợ cài VNeID cho người cao tuổi',
  ...overrides,
});

const call = (
  method: string,
  path: string,
  key?: string,
  body?: unknown,
  extra: Record<string, string> = {},
) => h.call(method, path, key, body, extra);
const outreachEvents = () => h.events();

describe('logging a visit over HTTP', () => {
  it('appends it, projects it, and reads it back at once', async () => {
    const visit = aVisit();
    const res = await call('POST', '/v1/visits', keys['thon-1'], visit, {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'x-correlation-id': 'sync-batch-42',
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({
      visitId: expect.any(String),
      commandId: visit.commandId,
      position: expect.any(Number),
      status: 'appended',
    });
    expect(res.headers.get('location')).toBe(`/v1/visits/${body.visitId}`);

    const read = await call('GET', `/v1/visits/${body.visitId}`, keys['analyst']);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({
      visitId: body.visitId,
      villageCode: 'thon-1',
      householdId: visit.householdId,
      organisationId: 'to-cnscd-thon-1',
      teamMemberId: null,
      loggedBy: h.keyIds['thon-1'],
      topics: ['vneid', 'e-health-record'],
      residentsGuided: 1,
      followUp: { topics: ['digital-signature'], dueBy: '2026-03-16' },
      note: visit.note,
      occurredAt: '2026-03-02T01:30:00.000Z',
      recordedAt: expect.any(String),
      position: body.position,
    });

    const [event] = (
      await h.store.readStream({
        commune: COMMUNE,
        context: 'outreach',
        aggregateType: 'visit',
        aggregateId: body.visitId,
      })
    ).events;
    expect(event).toMatchObject({
      type: 'VisitLogged',
      schemaVersion: 1,
      occurredAt: visit.occurredAt,
      metadata: {
        commandId: visit.commandId,
        actor: { organisationId: 'to-cnscd-thon-1', userId: h.keyIds['thon-1'] },
        correlationId: 'sync-batch-42',
        causationId: visit.commandId,
        trace: {
          traceparent: expect.stringMatching(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/),
        },
      },
    });
  });

  it('lists the visits of a village, page by page', async () => {
    const village = `thon-${randomUUID().slice(0, 8)}`;
    await h.registerVillages([village]);
    for (let i = 0; i < 3; i++)
      expect(
        (await call('POST', '/v1/visits', keys['thon-1'], aVisit({ villageCode: village }))).status,
      ).toBe(201);

    const first = await (await call('GET', `/v1/visits?village=${village}&limit=2`, keys['analyst'])).json();
    expect(first.items).toHaveLength(2);
    const second = await (
      await call('GET', `/v1/visits?village=${village}&limit=2&after=${first.next}`, keys['analyst'])
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.next).toBeNull();
    expect(new Set([...first.items, ...second.items].map((v: { visitId: string }) => v.visitId)).size).toBe(
      3,
    );
  });

  it('filters the visit log by organisation, topic and date', async () => {
    const village = `thon-f${Date.now() % 100000}`;
    await h.registerVillages([village]);
    await call(
      'POST',
      '/v1/visits',
      keys['thon-1'],
      aVisit({ villageCode: village, topics: ['ai-basics'], occurredAt: '2026-02-10T09:00:00+07:00' }),
    );
    await call(
      'POST',
      '/v1/visits',
      keys['thon-1'],
      aVisit({ villageCode: village, topics: ['vneid'], occurredAt: '2026-02-11T09:00:00+07:00' }),
    );
    const list = async (q: string) =>
      (await (await call('GET', `/v1/visits?village=${village}&${q}`, keys['analyst'])).json()).items.length;
    expect(await list('topic=ai-basics')).toBe(1);
    expect(await list('organisation=to-cnscd-thon-1')).toBe(2);
    expect(await list('organisation=cong-an-xa')).toBe(0);
    expect(await list('from=2026-02-11&to=2026-02-11')).toBe(1);
  });

  it('answers a resent command with the original result and logs the visit once', async () => {
    const visit = aVisit();
    const first = await call('POST', '/v1/visits', keys['thon-1'], visit);
    const again = await call('POST', '/v1/visits', keys['thon-1'], visit);

    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [await first.json(), await again.json()];
    expect(b).toEqual({ ...a, status: 'duplicate' });
    expect((await outreachEvents()).filter((e) => e.metadata.commandId === visit.commandId)).toHaveLength(1);
  });

  it('refuses the same command id with other content (409) and appends nothing', async () => {
    const visit = aVisit();
    await call('POST', '/v1/visits', keys['thon-1'], visit);
    const before = await h.store.lastPosition();
    const res = await call('POST', '/v1/visits', keys['thon-1'], { ...visit, topics: ['ai-basics'] });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('command-id-conflict');
    expect(await h.store.lastPosition()).toBe(before);
  });
});

describe('refusing bad input', () => {
  it('answers 400 problem details naming each field at fault, and appends nothing', async () => {
    const before = await h.store.lastPosition();
    const res = await call(
      'POST',
      '/v1/visits',
      keys['thon-1'],
      aVisit({ villageCode: 'Thôn 1', topics: [], occurredAt: 'hôm qua' }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({
      type: 'urn:cnscd:problem:invalid-input',
      status: 400,
      code: 'invalid-input',
    });
    expect(problem.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '#/occurredAt',
      '#/topics',
      '#/villageCode',
    ]);
    expect(await h.store.lastPosition()).toBe(before);
  });

  it('refuses a visit in the future with a named rejection (422)', async () => {
    const inTwoHours = new Date(Date.now() + 2 * 3600_000).toISOString();
    const res = await call('POST', '/v1/visits', keys['thon-1'], aVisit({ occurredAt: inTwoHours }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'VisitInTheFuture',
      errors: [{ pointer: '#/occurredAt' }],
    });
  });

  it.each([
    ['as a resident key', { residentsGuided: [A_CCCD] }, '#/residentsGuided/0'],
    [
      'in the note',
      { note: `CCCD ${A_CCCD.slice(0, 4)} ${A_CCCD.slice(4, 8)} ${A_CCCD.slice(8)}` },
      '#/note',
    ],
    ['as an extra field', { cccd: A_CCCD }, '#/cccd'],
  ])(
    'never lets a raw ID-card number in %s reach an event, a response or a log line',
    async (_where, overrides, pointer) => {
      const res = await call('POST', '/v1/visits', keys['thon-1'], aVisit(overrides));
      const text = await res.text();
      expect(res.status).toBe(400);
      expect(JSON.parse(text).errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      expect(text).not.toContain(A_CCCD.slice(4));
      expect(h.service.logs()).not.toContain(A_CCCD.slice(4));
      expect(JSON.stringify(await outreachEvents())).not.toContain(A_CCCD.slice(4));
    },
  );

  it('answers malformed JSON with problem details too', async () => {
    const res = await fetch(`${h.service.url}/v1/visits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys['thon-1']}` },
      body: '{"commandId": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).code).toBe('http-400');
  });
});

describe('authentication and authorisation', () => {
  it('refuses a request without a key or with an unknown key (401)', async () => {
    expect((await call('POST', '/v1/visits', undefined, aVisit())).status).toBe(401);
    expect((await call('GET', '/v1/visits', 'cnscd_not-a-real-key')).status).toBe(401);
  });

  it('refuses a write with a read-only key (403)', async () => {
    const res = await call('POST', '/v1/visits', keys['analyst'], aVisit());
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('forbidden');
  });

  it('confines each organisation to its own commune', async () => {
    const ours = await (await call('POST', '/v1/visits', keys['thon-1'], aVisit())).json();
    expect((await call('GET', `/v1/visits/${ours.visitId}`, keys['elsewhere'])).status).toBe(404);
    const theirs = await (await call('POST', '/v1/visits', keys['elsewhere'], aVisit())).json();
    const stream = { context: 'outreach', aggregateType: 'visit', aggregateId: theirs.visitId };
    expect((await h.store.readStream({ ...stream, commune: OTHER_COMMUNE })).events).toHaveLength(1);
    expect((await h.store.readStream({ ...stream, commune: COMMUNE })).events).toHaveLength(0);
    const listed = await (await call('GET', '/v1/visits?limit=500', keys['analyst'])).json();
    expect(listed.items.map((v: { visitId: string }) => v.visitId)).not.toContain(theirs.visitId);
  });
});

describe('logging a visit over NATS request/reply, as a partner system (bus user `partner`)', () => {
  let partner: NatsConnection;
  beforeAll(async () => {
    partner = await connect(h.nats.as('partner'));
  });
  afterAll(() => partner?.close());

  const request = async (body: unknown, key?: string) => {
    const hdrs = natsHeaders();
    if (key) hdrs.set('Authorization', `Bearer ${key}`);
    const reply = await partner.request('cnscd.outreach.cmd.log-visit', JSON.stringify(body), {
      timeout: 10_000,
      headers: hdrs,
    });
    return reply.json<{
      response?: { visitId: string; status: string };
      err?: { status: number; code: string };
    }>();
  };

  it('logs the visit and replies with the result', async () => {
    const reply = await request(aVisit(), keys['thon-1']);
    expect(reply.response?.status).toBe('appended');
    expect((await call('GET', `/v1/visits/${reply.response!.visitId}`, keys['analyst'])).status).toBe(200);
  });

  it('replies with problem details for bad input and for a missing credential', async () => {
    expect((await request(aVisit({ topics: [] }), keys['thon-1'])).err).toMatchObject({
      status: 400,
      code: 'invalid-input',
    });
    expect((await request(aVisit())).err).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('replies to a body that is not JSON with a problem, not silence', async () => {
    const hdrs = natsHeaders();
    hdrs.set('Authorization', `Bearer ${keys['thon-1']}`);
    const reply = await partner.request('cnscd.outreach.cmd.log-visit', '{ "commandId": ', {
      timeout: 5000,
      headers: hdrs,
    });
    expect(reply.json<{ err?: unknown }>().err).toMatchObject({ status: 400, code: 'malformed-request' });
  });
});

describe('answering before the read models when asked (Prefer: respond-async)', () => {
  // The visits' read model is held back: its table takes no writes (reads still go through), as under a
  // long migration or a slow disk. A write that waits for its read model waits as long as this lasts.
  let blocker: Client;
  beforeEach(async () => {
    blocker = new Client({ connectionString: h.db.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table visits in exclusive mode');
  });
  afterEach(async () => {
    await blocker.query('rollback').catch(() => undefined);
    await blocker.end();
  });
  const readable = async (visitId: string) =>
    (await call('GET', `/v1/visits/${visitId}`, keys['analyst'])).status === 200;
  const appended = async (commandId: string) =>
    (await outreachEvents()).some((e) => e.metadata.commandId === commandId);

  it('answers 202 as soon as the visit is appended, and the visit shows once its read model catches up', async () => {
    const visit = aVisit();
    const res = await call('POST', '/v1/visits', keys['thon-1'], visit, { prefer: 'respond-async' });

    expect(res.status).toBe(202);
    expect(res.headers.get('preference-applied')).toBe('respond-async');
    const { visitId, status } = await res.json();
    expect(status).toBe('appended');
    expect(await appended(visit.commandId)).toBe(true);
    expect(await readable(visitId)).toBe(false);

    await blocker.query('rollback');
    await until('the visit shows', () => readable(visitId), 10_000, 50);
  });

  it('without the preference, answers 201 only once the visit can be read', async () => {
    const visit = aVisit();
    let answered = false;
    const res = call('POST', '/v1/visits', keys['thon-1'], visit).then((r) => ((answered = true), r));
    await until('the visit is appended', () => appended(visit.commandId), 10_000, 50);
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);

    await blocker.query('rollback');
    const { status, headers } = await res;
    expect(status).toBe(201);
    expect(headers.get('preference-applied')).toBeNull();
    expect(await readable((await (await res).json()).visitId)).toBe(true);
  });

  it('answers a batch once its items are appended, and a NATS request too', async () => {
    const items = [aVisit(), aVisit()].map((input) => ({ kind: 'log-visit', input }));
    const res = await call(
      'POST',
      '/v1/batch',
      keys['thon-1'],
      { items },
      { prefer: 'wait=5, respond-async' },
    );
    expect(res.status).toBe(207);
    expect(res.headers.get('preference-applied')).toBe('respond-async');
    expect((await res.json()).summary).toMatchObject({ applied: 2, failed: 0 });

    const partner = await connect(h.nats.as('partner'));
    try {
      const hdrs = natsHeaders();
      hdrs.set('Authorization', `Bearer ${keys['thon-1']}`);
      hdrs.set('Prefer', 'Respond-Async');
      const reply = await partner.request('cnscd.outreach.cmd.log-visit', JSON.stringify(aVisit()), {
        timeout: 2_000, // a reply that waited for the held-back read model would come after 3 s
        headers: hdrs,
      });
      const { response } = reply.json<{ response?: { visitId: string; status: string } }>();
      expect(response?.status).toBe('appended');
      expect(await readable(response!.visitId)).toBe(false);
    } finally {
      await partner.close();
    }
  });
});

describe('operations', () => {
  it('is live, and ready only while NATS answers', async () => {
    expect((await call('GET', '/health/live')).status).toBe(200);
    expect((await call('GET', '/health/ready')).status).toBe(200);
    await h.nats.crash();
    const down = await call('GET', '/health/ready');
    expect(down.status).toBe(503);
    expect((await down.json()).checks.nats.status).toBe('down');
    await h.nats.start();
    for (let i = 0; i < 50 && (await call('GET', '/health/ready')).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 200));
    expect((await call('GET', '/health/ready')).status).toBe(200);
  });

  it('publishes its OpenAPI document and a browsable UI', async () => {
    const doc = await (await call('GET', '/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const ref: string = doc.paths['/v1/visits'].post.requestBody.content['application/json'].schema.$ref;
    expect(doc.components.schemas[ref.split('/').pop()!].required).toEqual(
      expect.arrayContaining(['commandId', 'villageCode', 'householdId', 'occurredAt', 'topics']),
    );
    const documented = Object.keys(doc.paths);
    for (const path of [
      '/v1/visits',
      '/v1/households',
      '/v1/residents',
      '/v1/residents/consents',
      '/v1/residents/moves',
      '/v1/residents/erasures',
      '/v1/residents/lookup',
      '/v1/adoptions/confirmations',
      '/v1/adoptions/retractions',
      '/v1/batch',
      '/v1/imports/{kind}',
      '/v1/worklist',
      '/v1/households/{householdId}',
      '/v1/residents/{residentKey}',
    ]) {
      expect(documented).toContain(path);
    }
    // Vietnamese first, English second, on every operation.
    for (const operations of Object.values(doc.paths) as Record<string, { summary: string }>[]) {
      for (const op of Object.values(operations)) expect(op.summary).toMatch(/^[^/]*[À-ỹ][^/]* \/ [A-Z]/u);
    }
    const ui = await call('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('serves the API docs page with addresses relative to it, so that it also works behind a proxy', async () => {
    const url = h.service.url;
    // The page's addresses are relative: `/docs` sends to `docs/`, itself relative.
    const bare = await fetch(`${url}/docs`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('docs/');
    const page = await fetch(`${url}/docs/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js']));
    // Only the service's own scripts may run (no inline script): every asset is served from here.
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script>/);
    for (const asset of assets) {
      const res = await fetch(new URL(asset, `${url}/docs/`));
      expect([asset, res.status]).toEqual([asset, 200]);
    }
    const init = await (await fetch(`${url}/docs/init.js`)).text();
    expect(init).toContain("'../openapi.json'");
    // Nothing else of the UI package is served.
    expect((await fetch(`${url}/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${url}/docs/index.html`)).status).toBe(404);
  });
});

describeRedelivery(() => h);
