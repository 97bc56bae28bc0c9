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

  it('names a village only for a village digital team, whose people the field app then starts in it', () => {
    const team = {
      type: 'RegisterOrganisation' as const,
      organisationId: 'to-cnscd-thon-1',
      kind: 'village-team' as const,
      name: 'Tổ CNSCĐ thôn 1',
      villageCode: 'thon-1',
    };
    spec
      .given([])
      .when(team)
      .then([
        {
          type: 'OrganisationRegistered',
          data: {
            organisationId: 'to-cnscd-thon-1',
            kind: 'village-team',
            name: 'Tổ CNSCĐ thôn 1',
            villageCode: 'thon-1',
          },
        },
      ]);
    spec
      .given([])
      .when({ ...register('bank'), villageCode: 'thon-1' })
      .thenRejects('VillageOfAVillageTeamOnly', 'villageCode');
  });
});
