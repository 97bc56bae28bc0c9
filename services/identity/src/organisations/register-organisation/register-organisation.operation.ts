import { ACCOUNTS } from '../../api-tags';
import { z } from 'zod';
import { ORGANISATION_KINDS, OrganisationId, OrganisationRegisteredV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { IDENTITY_PROJECTION } from '../../infrastructure/tokens';
import { organisationDecider } from '../organisation.decider';

export const RegisterOrganisationRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    organisationId: OrganisationId,
    kind: z.enum(ORGANISATION_KINDS),
    name: OrganisationRegisteredV1.shape.name,
    villageCode: OrganisationRegisteredV1.shape.villageCode,
  })
  .meta({ id: 'RegisterOrganisationRequest' });

export const registerOrganisation = deciderOperation({
  kind: 'register-organisation',
  scope: 'identity:organisations',
  input: RegisterOrganisationRequest,
  http: {
    path: 'organisations',
    tag: ACCOUNTS,
    summary: 'Đăng ký đơn vị / Register an organisation',
    description:
      'Loại đơn vị quyết định mức quyền tối đa của mọi người, mọi khóa của đơn vị. The kind caps what its people and keys may do.',
  },
  aggregateType: 'organisation',
  aggregateId: (i) => i.organisationId,
  decider: organisationDecider,
  command: ({ organisationId, kind, name, villageCode }) => ({
    type: 'RegisterOrganisation' as const,
    organisationId,
    kind,
    name,
    ...(villageCode ? { villageCode } : {}),
  }),
  result: (i) => ({ organisationId: i.organisationId }),
  projection: IDENTITY_PROJECTION,
});
