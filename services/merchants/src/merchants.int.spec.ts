// Long: one real deployment (nats-server, PostgreSQL, the service as its own process) serves every
// scenario of this file; splitting it would start them again for each part and slow the suite.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type ServiceUnderTest, describeRedelivery } from '@cnscd/service-testing';
import { eventually, post, startMerchants, type Json } from './testing/merchants-harness';

let h: ServiceUnderTest;
beforeAll(async () => {
  // The evaluator's own look every 10 minutes, never within a test: every place below is judged
  // because the projection's batch woke it (`ProjectionRunner.onAdvance`), as it is in a deployment.
  h = await startMerchants({ PLACES_LOOK_EVERY_MS: '600000' });
});
afterAll(() => h?.stop());

const places = async (): Promise<Json[]> =>
  (await h.call('GET', '/v1/places', h.keys['economic-office'])).json();
const placeOf = async (id: string) => (await places()).find((p) => p.placeId === id);

async function street(name: string) {
  const streetId = randomUUID();
  expect(
    (await post(h, '/v1/streets', 'economic-office', { streetId, name, villageCodes: ['thon-1'] })).status,
  ).toBe(201);
  return streetId;
}
/** Places marked for the evaluator and not judged yet, read from the service's database. */
async function marksLeft(): Promise<number> {
  const client = new Client({ connectionString: h.db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('select count(*)::text as n from places_to_evaluate');
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
async function merchant(streetId: string | null, body: object = {}) {
  const merchantId = randomUUID();
  const res = await post(h, '/v1/merchants', 'team', {
    merchantId,
    kind: 'shop',
    businessName: `Cửa hàng ${merchantId.slice(0, 4)}`,
    villageCode: 'thon-1',
    streetId,
    openedOn: '2025-01-01',
    ...body,
  });
  expect(res.status).toBe(201);
  return merchantId;
}
async function qrVerified(merchantId: string, bank = 'agribank') {
  expect((await post(h, '/v1/onboarding/steps', bank, { merchantId, step: 'qr-issued' })).status).toBe(201);
  expect(
    (await post(h, '/v1/onboarding/verifications', 'team', { merchantId, providerId: bank })).status,
  ).toBe(201);
}

describe('registering merchants', () => {
  it('answers fifty registrations of one merchant with different names: one recorded, the others told what is', async () => {
    const merchantId = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(h, '/v1/merchants', 'team', {
          merchantId,
          kind: 'shop',
          businessName: `Cửa hàng số ${i}`,
          villageCode: 'thon-1',
          openedOn: '2025-01-01',
        }),
      ),
    );
    const recorded = answers.filter((a) => a.status === 201);
    expect(recorded).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => a.status)).toEqual(Array(49).fill(409));
    const name = answers.indexOf(recorded[0]!);
    expect(refused[0]!.body).toMatchObject({
      code: 'MerchantRegisteredDifferently',
      recorded: { merchantId, businessName: `Cửa hàng số ${name}` },
    });
  });
});

describe('QR-payment onboarding', () => {
  it('follows a merchant from contact to a verified QR code, a bank acting only on its own onboarding', async () => {
    const merchantId = await merchant(null);
    for (const step of ['contacted', 'account-opened', 'qr-issued']) {
      expect((await post(h, '/v1/onboarding/steps', 'agribank', { merchantId, step })).status).toBe(201);
    }
    expect(
      await post(h, '/v1/onboarding/steps', 'vietinbank', {
        merchantId,
        providerId: 'agribank',
        step: 'active',
      }),
    ).toMatchObject({
      status: 422,
      body: { code: 'NotPartyToOnboarding' },
    });
    expect(
      (await post(h, '/v1/onboarding/verifications', 'team', { merchantId, providerId: 'agribank' })).status,
    ).toBe(201);
    const view = await (await h.call('GET', `/v1/merchants/${merchantId}`, h.keys['agribank'])).json();
    expect(view).toMatchObject({
      bestStage: 'qr-verified',
      onboardings: [{ providerId: 'agribank', stage: 'qr-verified', verifiedBy: 'to-cnscd-thon-1' }],
    });
  });

  it('is offline-safe: a resent command is answered with the original result', async () => {
    const merchantId = randomUUID();
    const body = {
      commandId: randomUUID(),
      occurredAt: '2026-03-02T08:30:00+07:00',
      merchantId,
      kind: 'small-trader',
      businessName: 'Sạp rau Cô Tư',
      villageCode: 'thon-1',
      openedOn: '2025-01-01',
    };
    const first = await h.call('POST', '/v1/merchants', h.keys['team'], body);
    const again = await h.call('POST', '/v1/merchants', h.keys['team'], body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(await again.json()).toMatchObject({ merchantId, status: 'duplicate' });
    expect(
      (await h.call('POST', '/v1/merchants', h.keys['team'], { ...body, businessName: 'Khác' })).status,
    ).toBe(409);
  });
});

describe('cashless streets', () => {
  it('qualifies a street when enough of its open merchants have a verified QR code, and drops it when one closes', async () => {
    const streetId = await street('Đường Trần Phú');
    const merchants = [];
    for (let i = 0; i < 5; i++) merchants.push(await merchant(streetId));
    for (const m of merchants.slice(0, 3)) await qrVerified(m);
    expect(
      await eventually(
        () => placeOf(streetId),
        (p) => p.verifiedMerchants === 3,
      ),
    ).toMatchObject({ openMerchants: 5, verifiedMerchants: 3, neededVerified: 1, qualified: false });

    await qrVerified(merchants[3]!);
    expect(
      await eventually(
        () => placeOf(streetId),
        (p) => p.qualified,
      ),
    ).toMatchObject({ qualified: true, neededVerified: 0 });

    await post(h, '/v1/merchants/closures', 'team', { merchantId: merchants[0], closedOn: '2026-03-05' });
    expect(
      await eventually(
        () => placeOf(streetId),
        (p) => !p.qualified,
      ),
    ).toMatchObject({ openMerchants: 4, verifiedMerchants: 3, qualified: false });
    const events = (await h.events()).filter((e) => e.stream.aggregateId === streetId).map((e) => e.type);
    expect(events).toEqual(['StreetRegistered', 'PlaceQualified', 'PlaceStoppedQualifying']);
  });

  it('re-evaluates every street when the commune changes its criteria', async () => {
    const streets = [await street('Đường A'), await street('Đường B')];
    for (const s of streets) {
      const m = await merchant(s);
      await qrVerified(m);
      await merchant(s);
    }
    const criteria = {
      countedStage: 'qr-verified',
      street: { minVerifiedShare: 0.5, minOpenMerchants: 2 },
      market: { minVerifiedShare: 0.8, minOpenMerchants: 10, requireCashlessFees: true },
    };
    expect(
      (
        await post(h, '/v1/cashless-criteria', 'economic-office', {
          criteria,
          reason: 'Áp dụng cho năm 2026',
        })
      ).status,
    ).toBe(201);
    for (const s of streets)
      expect(
        await eventually(
          () => placeOf(s),
          (p) => p.qualified,
        ),
      ).toMatchObject({ qualified: true, openMerchants: 2, verifiedMerchants: 1 });

    const stricter = { ...criteria, street: { minVerifiedShare: 1, minOpenMerchants: 2 } };
    await post(h, '/v1/cashless-criteria', 'economic-office', { criteria: stricter, reason: 'Nâng mức' });
    for (const s of streets)
      expect(
        await eventually(
          () => placeOf(s),
          (p) => !p.qualified,
        ),
      ).toMatchObject({ qualified: false, neededVerified: 1 });
    // A village team's ceiling in the permission model has no merchants:places: refused at the door.
    expect(await post(h, '/v1/cashless-criteria', 'team', { criteria, reason: 'Tổ tự đặt' })).toMatchObject({
      status: 403,
      body: { code: 'forbidden' },
    });
  });

  const criteriaChange = async (minOpenMerchants: number, reason: string) => {
    const criteria = {
      countedStage: 'qr-verified',
      street: { minVerifiedShare: 0.6, minOpenMerchants },
      market: { minVerifiedShare: 0.8, minOpenMerchants: 10, requireCashlessFees: true },
    };
    expect((await post(h, '/v1/cashless-criteria', 'economic-office', { criteria, reason })).status).toBe(
      201,
    );
  };

  it('judges every place a criteria change marks, more than one page of them, woken once', async () => {
    // Streets with no merchants never qualify: judging them records nothing that would wake the
    // evaluator again, so one wake-up must drain every mark.
    for (let i = 0; i < 110; i++) await street(`Ngõ ${i}`);
    expect(await eventually(marksLeft, (n) => n === 0)).toBe(0);
    await criteriaChange(3, 'Rà soát lại');
    expect(await eventually(marksLeft, (n) => n === 0)).toBe(0);
  });

  it('stops judging marked places when the service stops, and judges the rest after its restart', async () => {
    for (let i = 0; i < 200; i++) await street(`Hẻm ${i}`);
    expect(await eventually(marksLeft, (n) => n === 0)).toBe(0);
    await criteriaChange(4, 'Rà soát cuối năm');
    const marked = await eventually(marksLeft, (n) => n >= 200);
    // Stopped once the evaluator is under way: it ends after the place it is judging, not after them all.
    await eventually(marksLeft, (n) => n > 0 && n < marked, 20_000);
    await h.service.stop();
    expect(await marksLeft()).toBeGreaterThan(0);
    await h.service.restart();
    expect(await eventually(marksLeft, (n) => n === 0, 30_000)).toBe(0);
  });

  it('keeps the formal designation separate from qualifying', async () => {
    const streetId = await street('Đường Lê Lợi');
    const designation = {
      placeType: 'street',
      placeId: streetId,
      decisionNumber: '45/QĐ-UBND',
      decisionDate: '2026-06-01',
    };
    expect((await post(h, '/v1/designations', 'economic-office', designation)).status).toBe(201);
    expect(await placeOf(streetId)).toMatchObject({
      qualified: false,
      designation: { decisionNumber: '45/QĐ-UBND', decisionDate: '2026-06-01' },
    });
    expect(await post(h, '/v1/designations', 'agribank', designation)).toMatchObject({ status: 403 });
  });
});

describe('OCOP products on e-commerce', () => {
  it('lists the OCOP products not yet online', async () => {
    const merchantId = await merchant(null, {
      kind: 'household-business',
      businessName: 'Cà phê Di Linh Xanh',
    });
    const online = randomUUID();
    const offline = randomUUID();
    await post(h, '/v1/ocop/products', 'economic-office', {
      merchantId,
      productId: online,
      name: 'Cà phê rang xay',
      stars: 4,
    });
    await post(h, '/v1/ocop/products', 'economic-office', {
      merchantId,
      productId: offline,
      name: 'Trà atiso',
      stars: 3,
    });
    expect(
      (
        await post(h, '/v1/ocop/listings', 'economic-office', {
          merchantId,
          productId: online,
          platform: 'postmart',
          listedOn: '2026-03-01',
        })
      ).status,
    ).toBe(201);
    const notOnline: Json[] = await (
      await h.call('GET', '/v1/ocop/products?online=false', h.keys['economic-office'])
    ).json();
    expect(notOnline.map((p) => p.productId)).toContain(offline);
    expect(notOnline.map((p) => p.productId)).not.toContain(online);
  });
});

describe('importing a merchant list', () => {
  it('reports bad rows in a dry run, applies the good ones once, and changes nothing on re-import', async () => {
    const streetName = `Đường Nguyễn Du ${Date.now() % 10000}`;
    await street(streetName);
    const csv = [
      'Tên cơ sở;Loại hình;Thôn;Tuyến đường;Sạp;Ngành hàng;Ngày mở cửa',
      `Tạp hóa Hòa;Hộ kinh doanh;thon-1;${streetName};;tạp hóa;01/02/2024`,
      'Quán cơm Bình;Cửa hàng;thon-1;;;ăn uống;15/05/2023',
      ';Cửa hàng;thon-1;;;;01/01/2024',
      'Tiệm vàng;Cửa hàng;thon-1;Đường Không Có;;;01/01/2024',
      'Sạp cá;bán rong;thon-1;;S-12;;01/01/2024',
    ].join('\n');
    const importCsv = async (dryRun: boolean) =>
      (
        await h.call('POST', `/v1/imports/merchants?dryRun=${dryRun}`, h.keys['economic-office'], csv, {
          'content-type': 'text/csv',
        })
      ).json();

    const dry = await importCsv(true);
    expect(dry).toMatchObject({ dryRun: true, rows: 5, valid: 2 });
    expect(dry.errors.map((e: Json) => [e.line, e.column])).toEqual([
      [4, 'Tên cơ sở'],
      [5, 'Tuyến đường'],
      [6, 'Loại hình'],
    ]);
    expect(await importCsv(false)).toMatchObject({ applied: 2, alreadyApplied: 0, failed: 3 });
    expect(await importCsv(false)).toMatchObject({ applied: 0, alreadyApplied: 2, failed: 3 });
    const listed: Json = await (
      await h.call('GET', '/v1/merchants?village=thon-1&limit=500', h.keys['economic-office'])
    ).json();
    expect(listed.items.filter((m: Json) => m.businessName === 'Tạp hóa Hòa')).toHaveLength(1);
  });
});

it('publishes a complete OpenAPI document, Vietnamese first', async () => {
  const doc = await (await h.call('GET', '/openapi.json')).json();
  for (const path of [
    '/v1/merchants',
    '/v1/onboarding/steps',
    '/v1/onboarding/verifications',
    '/v1/places',
    '/v1/cashless-criteria',
    '/v1/designations',
    '/v1/ocop/products',
    '/v1/imports/merchants',
    '/v1/batch',
  ]) {
    expect(Object.keys(doc.paths)).toContain(path);
  }
  for (const operations of Object.values(doc.paths) as Record<string, { summary: string }>[]) {
    for (const op of Object.values(operations)) expect(op.summary).toMatch(/^[^/]*[À-ỹ][^/]* \/ [A-Z]/u);
  }
});

// The places waiting for the evaluator are a work queue: a replay asks again, which decides nothing new.
describeRedelivery(() => h, ['public.places_to_evaluate']);
