import { randomUUID } from 'node:crypto';
import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
import type { Json } from './service-under-test';

/**
 * A bank's onboarding steps for a merchant nobody registered are accepted (steps are taken in any
 * order, offline ones too), shown to the Economic Office as orphans, and counted nowhere — not in the
 * merchants' QR indicator — until the merchant is registered.
 */
jest.setTimeout(120_000);

const BANK = anOrganisation('bank', 'partner-officer', 'bank');
const ECONOMIC = anOrganisation('economic-office', 'office-officer', 'economic');
const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');

let d: DeploymentUnderTest;
beforeAll(async () => {
  d = await startDeployment([BANK, ECONOMIC, OFFICE]);
}, 180_000);
afterAll(async () => {
  await d?.stop();
}, 60_000);

const call = async (service: 'merchants' | 'indicators', key: string, path: string, body?: Json) => {
  const res = await fetch(`${d.services[service].url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys[key]}` },
    ...(body
      ? { body: JSON.stringify({ commandId: randomUUID(), occurredAt: new Date().toISOString(), ...body }) }
      : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const qrMerchants = async () => {
  const { values } = (await call('indicators', 'office', '/v1/values')).body as { values: Json[] };
  return values.find((v) => v.indicator === 'merchants-qr' && v.village === '*')?.numerator ?? 0;
};
const eventually = async <T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
  let value = await probe();
  for (let i = 0; i < 50 && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
};

it('shows the Economic Office onboardings of unregistered merchants, and counts them nowhere', async () => {
  const orphan = randomUUID();
  for (const step of ['contacted', 'account-opened', 'qr-issued', 'active'])
    expect(
      (await call('merchants', 'bank', '/v1/onboarding/steps', { merchantId: orphan, step })).status,
    ).toBe(201);

  const orphans = await eventually(
    async () => (await call('merchants', 'economic', '/v1/onboarding/orphans')).body as Json[],
    (list) => list.length > 0,
  );
  expect(orphans).toEqual([
    expect.objectContaining({ merchantId: orphan, providerId: 'bank', stage: 'active' }),
  ]);
  expect(await qrMerchants()).toBe(0);

  // Registered, it is an orphan no more, and counts.
  expect(
    (
      await call('merchants', 'economic', '/v1/merchants', {
        merchantId: orphan,
        kind: 'shop',
        businessName: 'Tạp hóa Cô Ba',
        villageCode: 'thon-1',
        openedOn: '2025-01-01',
      })
    ).status,
  ).toBe(201);
  expect(
    await eventually(
      async () => (await call('merchants', 'economic', '/v1/onboarding/orphans')).body as Json[],
      (list) => list.length === 0,
    ),
  ).toEqual([]);
  expect(await eventually(qrMerchants, (n) => n === 1)).toBe(1);
});
