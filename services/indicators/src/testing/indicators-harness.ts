import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@cnscd/service-testing';
import type { TestOrganisation } from '@cnscd/testing';

export type { Json } from '@cnscd/service-testing';

export const ORGANISATIONS: TestOrganisation[] = [
  {
    id: 'office',
    organisationId: 'phong-van-hoa-xa-hoi',
    organisationKind: 'culture-society-office',
    role: 'administrator',
    commune: '99001',
  },
  {
    id: 'economic',
    organisationId: 'phong-kinh-te',
    organisationKind: 'economic-office',
    role: 'office-officer',
    commune: '99001',
    scopes: ['indicators:read', 'indicators:reports'],
  },
  {
    id: 'province',
    organisationId: 'so-khcn',
    organisationKind: 'province-department',
    role: 'office-officer',
    // The department's own home is not the commune whose reports it reviews (99002 is a commune of the
    // roll-up test, so the harness registers no extra commune's villages).
    commune: '99002',
    scopes: ['indicators:province', 'indicators:review'],
  },
];

export const startIndicators = (): Promise<ServiceUnderTest> =>
  startServiceUnderTest({ name: 'indicators', organisations: ORGANISATIONS });

/**
 * Appends an event as the service owning its context would (outreach, merchants, …): the indicators
 * service knows the others only through these contracts.
 */
export async function record(
  h: ServiceUnderTest,
  context: string,
  aggregateType: string,
  aggregateId: string,
  type: string,
  data: object,
  occurredAt: string,
  commune = '99001',
) {
  const stream = { commune, context, aggregateType, aggregateId };
  const { revision } = await h.store.readStream(stream);
  await h.store.append(stream, revision, [{ type, data }], {
    commandId: randomUUID(),
    commandHash: 'test',
    actor: { organisationId: 'test', userId: 'test' },
    correlationId: 'test',
    causationId: 'test',
    occurredAt,
  });
}

/** Waits until the facts projection has applied everything in the stream. */
export async function caughtUp(h: ServiceUnderTest, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows: { behind: number }[] = await (await h.call('GET', '/v1/freshness', h.keys['office'])).json();
    if (rows.length > 0 && rows.every((r) => r.behind === 0)) return;
    if (Date.now() > deadline) throw new Error(`projection still behind: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
