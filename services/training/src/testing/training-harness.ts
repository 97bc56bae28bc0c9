import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@cnscd/service-testing';
import type { TestOrganisation } from '@cnscd/testing';

export type { Json } from '@cnscd/service-testing';

export const ORGANISATIONS: TestOrganisation[] = [
  {
    id: 'office',
    organisationId: 'phong-van-hoa-xa-hoi',
    organisationKind: 'culture-society-office',
    role: 'office-officer',
    commune: '99001',
  },
  {
    id: 'team',
    organisationId: 'to-cnscd-thon-1',
    organisationKind: 'village-team',
    role: 'team-leader',
    commune: '99001',
  },
];

export const startTraining = (): Promise<ServiceUnderTest> =>
  startServiceUnderTest({
    name: 'training',
    organisations: ORGANISATIONS,
    villages: ['thon-r', 'thon-z', 'thon-o', 'thon-s', 'thon-q1', 'thon-q2', 'thon-q3', 'thon-p'],
  });

export async function post(h: ServiceUnderTest, path: string, key: string, body: object) {
  const res = await h.call('POST', path, h.keys[key], {
    commandId: randomUUID(),
    occurredAt: '2026-03-02T08:30:00+07:00',
    ...body,
  });
  return { status: res.status, body: await res.json() };
}
