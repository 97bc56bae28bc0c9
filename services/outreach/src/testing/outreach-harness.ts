import { startServiceUnderTest, type ServiceUnderTest } from '@cnscd/service-testing';
import { writeSecretsFile, type TestOrganisation } from '@cnscd/testing';

export type { Json } from '@cnscd/service-testing';
export type OutreachHarness = ServiceUnderTest;

/** The outreach service under test, with secrets for every commune its organisations belong to. */
export function startOutreach(organisations: readonly TestOrganisation[]): Promise<OutreachHarness> {
  const communes = [...new Set(organisations.map((o) => o.commune))];
  return startServiceUnderTest({
    name: 'outreach',
    organisations,
    env: { OUTREACH_SECRETS_FILE: writeSecretsFile(communes) },
  });
}

const all = [
  'outreach:visits:write',
  'outreach:visits:read',
  'outreach:residents:write',
  'outreach:residents:read',
  'outreach:adoptions:write',
];

/** The organisations most tests need, in commune 99001 (and one elsewhere). */
export const ORGANISATIONS: TestOrganisation[] = [
  {
    id: 'thon-1',
    organisationId: 'to-cnscd-thon-1',
    organisationKind: 'village-team',
    commune: '99001',
    scopes: [...all, 'outreach:imports'],
  },
  {
    id: 'police',
    organisationId: 'cong-an-xa',
    organisationKind: 'commune-police',
    commune: '99001',
    scopes: ['outreach:adoptions:write', 'outreach:residents:write'],
  },
  {
    id: 'bank',
    organisationId: 'agribank-di-linh',
    organisationKind: 'bank',
    commune: '99001',
    scopes: ['outreach:adoptions:write'],
  },
  {
    id: 'office',
    organisationId: 'phong-van-hoa-xa-hoi',
    organisationKind: 'culture-society-office',
    commune: '99001',
    scopes: [...all, 'outreach:residents:contact', 'outreach:residents:erase'],
  },
  {
    id: 'analyst',
    organisationId: 'phan-tich',
    organisationKind: 'culture-society-office',
    commune: '99001',
    scopes: ['outreach:visits:read', 'outreach:residents:read'],
  },
  {
    id: 'elsewhere',
    organisationId: 'to-cnscd-khac',
    organisationKind: 'village-team',
    commune: '99002',
    scopes: all,
  },
];
