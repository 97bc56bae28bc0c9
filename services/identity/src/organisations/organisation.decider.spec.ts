import { deciderSpec } from '@cnscd/testing';
import { organisationDecider } from './organisation.decider';

const spec = deciderSpec(organisationDecider);
const register = (kind: 'bank' | 'school') => ({
  type: 'RegisterOrganisation' as const,
  organisationId: 'agribank',
  kind,
  name: 'Agribank',
});

describe('an organisation', () => {
  it('is registered once, and its kind can never change (it decides what its people may do)', () => {
    const registered = {
      type: 'OrganisationRegistered' as const,
      data: { organisationId: 'agribank', kind: 'bank' as const, name: 'Agribank' },
    };
    spec.given([]).when(register('bank')).then([registered]);
    spec.given([registered]).when(register('bank')).then([]);
    spec.given([registered]).when(register('school')).thenRejects('OrganisationKindDiffers', 'kind');
  });
});
