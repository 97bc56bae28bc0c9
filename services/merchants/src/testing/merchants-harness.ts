import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@cnscd/service-testing';
import type { TestOrganisation } from '@cnscd/testing';

export type { Json } from '@cnscd/service-testing';

/** The organisations the merchants tests need, in commune 99001. */
export const ORGANISATIONS: TestOrganisation[] = [
  {
    id: 'economic-office',
    organisationId: 'phong-kinh-te',
    organisationKind: 'economic-office',
    role: 'office-officer',
    commune: '99001',
  },
  {
    id: 'team',
    organisationId: 'to-cnscd-thon-1',
    organisationKind: 'village-team',
    role: 'field-member',
    commune: '99001',
  },
  {
    id: 'agribank',
    organisationId: 'agribank',
    organisationKind: 'bank',
    role: 'partner-officer',
    commune: '99001',
    scopes: ['merchants:onboarding', 'merchants:read'],
  },
  {
    id: 'vietinbank',
    organisationId: 'vietinbank',
    organisationKind: 'bank',
    role: 'partner-officer',
    commune: '99001',
    scopes: ['merchants:onboarding', 'merchants:read'],
  },
];

/** `env`: the service's own settings, e.g. `PLACES_LOOK_EVERY_MS`. */
export const startMerchants = (env: Record<string, string> = {}): Promise<ServiceUnderTest> =>
  startServiceUnderTest({ name: 'merchants', organisations: ORGANISATIONS, env });

/** POSTs a command with a fresh command id unless the body has one. */
export async function post(h: ServiceUnderTest, path: string, key: string, body: object) {
  const res = await h.call('POST', path, h.keys[key], {
    commandId: randomUUID(),
    occurredAt: '2026-03-02T08:30:00+07:00',
    ...body,
  });
  return { status: res.status, body: await res.json() };
}

/** Polls until the check passes: the evaluator judges places a moment after the events land. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
