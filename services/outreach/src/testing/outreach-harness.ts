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

/** The organisations most tests need, in commune 99001 (and one elsewhere). */
export const ORGANISATIONS: TestOrganisation[] = [
  {
    id: 'thon-1',
    organisationId: 'to-cnscd-thon-1',
    organisationKind: 'village-team',
    role: 'team-leader',
    commune: '99001',
  },
  {
    id: 'police',
    organisationId: 'cong-an-xa',
    organisationKind: 'commune-police',
    role: 'partner-officer',
    commune: '99001',
    scopes: ['outreach:adoptions:write', 'outreach:residents:write'],
  },
  {
    id: 'bank',
    organisationId: 'agribank-di-linh',
    organisationKind: 'bank',
    role: 'partner-officer',
    commune: '99001',
    scopes: ['outreach:adoptions:write'],
  },
  {
    id: 'office',
    organisationId: 'phong-van-hoa-xa-hoi',
    organisationKind: 'culture-society-office',
    role: 'administrator',
    commune: '99001',
  },
  {
    id: 'analyst',
    organisationId: 'phan-tich',
    organisationKind: 'culture-society-office',
    role: 'analyst',
    commune: '99001',
  },
  {
    id: 'elsewhere',
    organisationId: 'to-cnscd-khac',
    organisationKind: 'village-team',
    role: 'field-member',
    commune: '99002',
  },
];
