// Long: one real deployment (nats-server, PostgreSQL, the service as its own process) serves every
// scenario of this file; splitting it would start them again for each part and slow the suite.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { AdoptionPolicyView } from '../queries/adoption-policy.view';
import { ORGANISATIONS, startOutreach, type OutreachHarness } from '../testing/outreach-harness';

let h: OutreachHarness;
beforeAll(async () => {
  h = await startOutreach(ORGANISATIONS);
});
afterAll(() => h?.stop());

const NOW = '2026-03-02T08:30:00+07:00';
/** A structurally valid CCCD: Lâm Đồng (068), a woman born 1990 (1 = female, 20th century, 90). */
const cccd = (serial: number) => `0681${'90'}${String(serial).padStart(6, '0')}`;
let serial = 100;
const nextCccd = () => cccd(serial++);

const post = async (path: string, key: string, body: object) => {
  const res = await h.call('POST', path, h.keys[key], { commandId: randomUUID(), occurredAt: NOW, ...body });
  return { status: res.status, body: await res.json() };
};
const get = async (path: string, key = 'office') => (await h.call('GET', path, h.keys[key])).json();
/** How many data keys the vault holds for a resident (0 once erased: the sealed details are gone for good). */
async function dataKeys(residentKey: string): Promise<number> {
  const client = new Client({ connectionString: h.db.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select count(*)::int as n from resident_data_keys where resident_key = $1',
      [residentKey],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe('registering residents', () => {
  it('derives one resident key from a citizen ID, whichever organisation records the person', async () => {
    const id = nextCccd();
    const first = await post('/v1/residents', 'thon-1', {
      citizenId: id,
      villageCode: 'thon-1',
      consent: false,
    });
    const second = await post('/v1/residents', 'police', {
      citizenId: id.replace(/(\d{3})(\d{3})/, '$1 $2 '),
      villageCode: 'thon-1',
      consent: false,
    });

    expect(first.status).toBe(201);
    expect(first.body.residentKey).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toMatchObject({
      status: 200,
      body: { residentKey: first.body.residentKey, status: 'unchanged' },
    });
    expect(await get(`/v1/residents/${first.body.residentKey}`)).toMatchObject({
      birthYear: 1990,
      sex: null,
      identification: 'citizen-id',
      consent: false,
    });
  });

  it('keeps the sex the citizen ID encodes, and the household and contact only with consent', async () => {
    const householdId = randomUUID();
    const { body } = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: true,
      householdId,
      name: 'Nguyễn Thị Lan',
      phone: '0912345678',
    });
    expect(await get(`/v1/residents/${body.residentKey}`)).toMatchObject({
      householdId,
      sex: 'female',
      contact: { name: 'Nguyễn Thị Lan', phone: '0912345678' },
    });
    expect(await get(`/v1/residents/${body.residentKey}`, 'analyst')).not.toHaveProperty('contact');

    const refused = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: false,
      name: 'Trần Văn B',
    });
    expect(refused).toMatchObject({ status: 422, body: { code: 'ConsentRequired' } });
  });

  it('refuses a registration id sent again for another person (409), even one already registered, and never shows another organisation what it recorded', async () => {
    const commandId = randomUUID();
    const known = nextCccd();
    await post('/v1/residents', 'police', { citizenId: known, villageCode: 'thon-1', consent: false });
    const first = await h.call('POST', '/v1/residents', h.keys['thon-1'], {
      commandId,
      occurredAt: NOW,
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: true,
      name: 'Trần Văn Bình',
    });
    expect(first.status).toBe(201);
    const again = (key: string) =>
      h.call('POST', '/v1/residents', h.keys[key], {
        commandId,
        occurredAt: NOW,
        citizenId: known,
        villageCode: 'thon-1',
        consent: false,
      });
    const mine = await again('thon-1');
    expect(mine.status).toBe(409);
    const recorded = (await mine.json()).recorded;
    expect(recorded.events).toEqual([expect.objectContaining({ type: 'ResidentRegistered' })]);
    expect(JSON.stringify(recorded)).not.toContain('personal');
    const theirs = await again('police');
    expect(theirs.status).toBe(409);
    expect((await theirs.json()).recorded).toEqual({ position: expect.any(Number) });
  });

  it('refuses a malformed citizen ID (400) or a birth year the number contradicts (422), naming the field but never the number', async () => {
    const bad = await post('/v1/residents', 'thon-1', {
      citizenId: '003190001234',
      villageCode: 'thon-1',
      consent: false,
    });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ pointer: '#/citizenId' }] } });
    expect(JSON.stringify(bad.body)).not.toContain('003190001234');
    const mismatch = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      birthYear: 1991,
      villageCode: 'thon-1',
      consent: false,
    });
    expect(mismatch).toMatchObject({
      status: 422,
      body: { code: 'BirthYearMismatch', errors: [{ pointer: '#/birthYear' }] },
    });
    expect(JSON.stringify(mismatch.body)).not.toMatch(/\d{12}/);
  });

  it('registers a child without an ID number under a key tied to the household', async () => {
    const householdId = randomUUID();
    const command = {
      commandId: randomUUID(),
      occurredAt: NOW,
      householdId,
      villageCode: 'thon-1',
      birthYear: 2012,
      consent: true,
    };
    const first = await (await h.call('POST', '/v1/residents', h.keys['thon-1'], command)).json();
    const again = await (await h.call('POST', '/v1/residents', h.keys['thon-1'], command)).json();
    expect(again).toEqual({ ...first, status: 'duplicate' });
    expect(await get(`/v1/residents/${first.residentKey}`)).toMatchObject({
      identification: 'generated',
      householdId,
      birthYear: 2012,
    });
  });
});

describe('confirming adoption', () => {
  it('follows a resident from guided to active across organisations, counting them once', async () => {
    const citizenId = nextCccd();
    const { body } = await post('/v1/residents', 'thon-1', {
      citizenId,
      villageCode: 'thon-1',
      consent: false,
    });
    const key = body.residentKey;

    expect(
      (
        await post('/v1/adoptions/confirmations', 'thon-1', {
          residentKey: key,
          indicator: 'vneid',
          stage: 'installed',
          evidence: 'verified-on-device',
        })
      ).status,
    ).toBe(201);
    expect(
      await post('/v1/adoptions/confirmations', 'thon-1', {
        residentKey: key,
        indicator: 'vneid',
        stage: 'active',
        evidence: 'self-reported',
      }),
    ).toMatchObject({
      status: 422,
      body: { code: 'ConfirmationNotPermitted', errors: [{ pointer: '#/stage' }] },
    });
    expect(
      (
        await post('/v1/adoptions/confirmations', 'police', {
          citizenId,
          indicator: 'vneid',
          stage: 'active',
          evidence: 'provider-records',
        })
      ).status,
    ).toBe(201);
    expect(
      await post('/v1/adoptions/confirmations', 'police', {
        citizenId,
        indicator: 'vneid',
        stage: 'active',
        evidence: 'provider-records',
      }),
    ).toMatchObject({
      status: 200,
      body: { status: 'unchanged' },
    });
    expect((await get(`/v1/residents/${key}`)).stages.vneid).toBe('active');

    expect(
      (
        await post('/v1/adoptions/retractions', 'office', {
          residentKey: key,
          indicator: 'vneid',
          stage: 'active',
          reason: 'entered-in-error',
        })
      ).status,
    ).toBe(201);
    expect((await get(`/v1/residents/${key}`)).stages.vneid).toBe('installed');
    const confirmations = (await h.events()).filter(
      (e) => e.stream.aggregateId === key && e.type === 'AdoptionStageConfirmed',
    );
    expect(confirmations).toHaveLength(2);
  });

  it('tells each organisation which stages it may confirm, as the decider enforces them', async () => {
    const policyOf = async (org: string) => {
      const res = await h.call('GET', '/v1/adoption-policy', h.keys[org]);
      const body = await res.json();
      expect(AdoptionPolicyView.parse(body)).toEqual(body);
      return body;
    };
    const team = await policyOf('thon-1');
    // VNeID activation is the commune police's to confirm (docs/mission/PLAN.md); the team guides and installs.
    expect(team.yours.vneid).toEqual(['guided', 'installed']);
    expect(team.policy.vneid.active).toEqual(['commune-police']);
    expect((await policyOf('police')).yours.vneid).toEqual(['guided', 'installed', 'active']);
    expect((await policyOf('bank')).yours['payment-account']).toEqual(['guided', 'installed', 'active']);
  });

  it('answers a reused command id with other content with 409 and what was recorded', async () => {
    const { body } = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: false,
    });
    const command = {
      commandId: randomUUID(),
      occurredAt: NOW,
      residentKey: body.residentKey,
      indicator: 'e-commerce',
      stage: 'guided',
      evidence: 'self-reported',
    };
    expect((await h.call('POST', '/v1/adoptions/confirmations', h.keys['thon-1'], command)).status).toBe(201);
    const conflict = await h.call('POST', '/v1/adoptions/confirmations', h.keys['thon-1'], {
      ...command,
      stage: 'installed',
    });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({
      code: 'command-id-conflict',
      recorded: { events: [{ type: 'AdoptionStageConfirmed', data: { stage: 'guided' } }] },
    });
  });

  it('refuses a confirmation for a resident nobody registered', async () => {
    expect(
      await post('/v1/adoptions/confirmations', 'bank', {
        citizenId: nextCccd(),
        indicator: 'payment-account',
        stage: 'active',
        evidence: 'provider-records',
      }),
    ).toMatchObject({
      status: 422,
      body: { code: 'ResidentNotRegistered' },
    });
  });
});

describe('consent, moves and erasure', () => {
  it('makes the name unreadable after erasure, while the adoption still counts', async () => {
    const { body } = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: true,
      name: 'Lê Thị Hoa',
    });
    const key = body.residentKey;
    await post('/v1/adoptions/confirmations', 'police', {
      residentKey: key,
      indicator: 'vneid',
      stage: 'active',
      evidence: 'provider-records',
    });
    const sealedBefore = (await h.events()).find(
      (e) => e.type === 'ResidentRegistered' && e.stream.aggregateId === key,
    )!.data as { personal: unknown };
    expect(sealedBefore.personal).not.toBeNull();
    expect(await dataKeys(key)).toBe(1);

    expect(
      (await post('/v1/residents/erasures', 'office', { residentKey: key, reason: 'resident-request' }))
        .status,
    ).toBe(201);
    const after = await get(`/v1/residents/${key}`);
    expect(after).toMatchObject({
      status: 'erased',
      contact: null,
      householdId: null,
      stages: { vneid: 'active' },
    });
    expect(await dataKeys(key)).toBe(0);
    expect(
      await post('/v1/adoptions/confirmations', 'police', {
        residentKey: key,
        indicator: 'vneid',
        stage: 'active',
        evidence: 'provider-records',
      }),
    ).toMatchObject({
      status: 422,
      body: { code: 'ResidentErased' },
    });
  });

  it('registers the residents of one batch at once, and a registration after a withdrawal in it keeps nothing', async () => {
    const [again, other] = [nextCccd(), nextCccd()];
    const { body } = await post('/v1/residents', 'thon-1', {
      citizenId: again,
      villageCode: 'thon-1',
      consent: true,
      phone: '0987654321',
    });
    const item = (kind: string, input: object) => ({
      kind,
      input: { commandId: randomUUID(), occurredAt: NOW, ...input },
    });
    const res = await h.call('POST', '/v1/batch', h.keys['thon-1'], {
      items: [
        item('change-consent', { residentKey: body.residentKey, given: false }),
        item('register-resident', {
          citizenId: again,
          villageCode: 'thon-1',
          consent: true,
          name: 'Lê Văn D',
        }),
        item('register-resident', {
          citizenId: other,
          villageCode: 'thon-1',
          consent: true,
          name: 'Đỗ Thị E',
        }),
      ],
    });
    const { results } = await res.json();
    expect(results.map((r: { status: number }) => r.status)).toEqual([201, 200, 201]);
    expect(results[1].result).toMatchObject({ residentKey: body.residentKey, status: 'unchanged' });
    expect(await get(`/v1/residents/${body.residentKey}`)).toMatchObject({ consent: false, contact: null });
    expect(await get(`/v1/residents/${results[2].result.residentKey}`)).toMatchObject({
      consent: true,
      contact: { name: 'Đỗ Thị E', phone: null },
    });
  });

  it('withdrawing consent drops household and contact; giving it again keeps new ones', async () => {
    const householdId = randomUUID();
    const { body } = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: true,
      householdId,
      phone: '0987654321',
    });
    const key = body.residentKey;
    expect((await post('/v1/residents/consents', 'thon-1', { residentKey: key, given: false })).status).toBe(
      201,
    );
    expect(await get(`/v1/residents/${key}`)).toMatchObject({
      consent: false,
      householdId: null,
      contact: null,
    });
    expect(await dataKeys(key)).toBe(0);
    expect(
      (
        await post('/v1/residents/consents', 'thon-1', {
          residentKey: key,
          given: true,
          householdId,
          name: 'Phạm Văn C',
        })
      ).status,
    ).toBe(201);
    expect(await get(`/v1/residents/${key}`)).toMatchObject({
      consent: true,
      householdId,
      contact: { name: 'Phạm Văn C', phone: null },
    });
  });

  it('updates the details a consenting resident gave, keeping those not sent, and refuses them without consent', async () => {
    const householdId = randomUUID();
    const { body } = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: true,
      householdId,
      name: 'Trần Thị D',
      phone: '0912000111',
    });
    const key = body.residentKey;
    const updated = await post('/v1/residents/personal-details', 'thon-1', {
      residentKey: key,
      phone: '0912000222',
    });
    expect(updated).toMatchObject({ status: 201, body: { residentKey: key, status: 'appended' } });
    expect(await get(`/v1/residents/${key}`)).toMatchObject({
      householdId,
      contact: { name: 'Trần Thị D', phone: '0912000222' },
    });
    const recorded = (await h.events()).filter(
      (e) => e.type === 'ResidentPersonalDetailsRecorded' && e.stream.aggregateId === key,
    );
    expect(recorded).toHaveLength(1);
    expect(JSON.stringify(recorded[0]!.data)).not.toContain('0912000222');

    expect(await post('/v1/residents/personal-details', 'thon-1', { residentKey: key })).toMatchObject({
      status: 400,
      body: { errors: [{ pointer: '#/', detail: expect.stringContaining('householdId, sex, name') }] },
    });
    const withoutConsent = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: false,
    });
    expect(
      await post('/v1/residents/personal-details', 'thon-1', {
        residentKey: withoutConsent.body.residentKey,
        phone: '0912000333',
      }),
    ).toMatchObject({ status: 422, body: { code: 'ConsentRequired' } });
  });

  it('moves a resident to another village from a date', async () => {
    const { body } = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: 'thon-1',
      consent: false,
    });
    expect(
      (
        await post('/v1/residents/moves', 'thon-1', {
          residentKey: body.residentKey,
          toVillage: 'thon-2',
          effectiveDate: '2026-04-01',
        })
      ).status,
    ).toBe(201);
    expect(await get(`/v1/residents/${body.residentKey}`)).toMatchObject({ villageCode: 'thon-2' });
    const moved = (await h.events()).find(
      (e) => e.type === 'ResidentMoved' && e.stream.aggregateId === body.residentKey,
    );
    expect(moved?.data).toMatchObject({
      fromVillage: 'thon-1',
      toVillage: 'thon-2',
      effectiveDate: '2026-04-01',
    });
  });
});

describe('the field views', () => {
  it('lists, by household, who in the village has not reached the stage, and the follow-ups still owed', async () => {
    const village = `thon-w${Date.now() % 100000}`;
    await h.registerVillages([village]);
    const householdId = randomUUID();
    await post('/v1/households', 'thon-1', { householdId, villageCode: village, code: 'H-012' });
    const adult = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: village,
      consent: true,
      householdId,
    });
    const done = await post('/v1/residents', 'thon-1', {
      citizenId: nextCccd(),
      villageCode: village,
      consent: true,
      householdId,
    });
    await post('/v1/residents', 'thon-1', {
      householdId,
      birthYear: 2019,
      villageCode: village,
      consent: true,
    });
    await post('/v1/adoptions/confirmations', 'police', {
      residentKey: done.body.residentKey,
      indicator: 'vneid',
      stage: 'active',
      evidence: 'provider-records',
    });
    await post('/v1/visits', 'thon-1', {
      villageCode: village,
      householdId,
      topics: ['vneid'],
      followUp: { topics: ['vneid'], dueBy: '2026-03-09' },
    });

    const worklist = await get(`/v1/worklist?village=${village}&indicator=vneid&stage=active`);
    expect(worklist.households).toEqual([
      {
        householdId,
        code: 'H-012',
        residents: [{ residentKey: adult.body.residentKey, birthYear: 1990, sex: 'female', stage: null }],
      },
    ]);
    expect(worklist.followUps).toEqual([
      expect.objectContaining({ householdId, code: 'H-012', topics: ['vneid'], dueBy: '2026-03-09' }),
    ]);

    const household = await get(`/v1/households/${householdId}`);
    expect(household.members).toHaveLength(3);
    expect(household.visits).toHaveLength(1);
    const residents = await get(`/v1/residents?village=${village}`);
    expect(residents.items.map((r: { stages: { vneid: string | null } }) => r.stages.vneid).sort()).toEqual([
      'active',
      null,
      null,
    ]);
    // Each resident names their household's short code, so the field log can group them by household.
    expect(residents.items.map((r: { householdCode: string | null }) => r.householdCode)).toEqual([
      'H-012',
      'H-012',
      'H-012',
    ]);
  });
});
