import { deciderSpec } from '@cnscd/testing';
import { userDecider, type UserEvent } from './user.decider';

const spec = deciderSpec(userDecider);
const LAN = '0b6f8f3e-5a2d-4f0e-8a0b-7c2d1e4f5a6b';
const added: UserEvent = {
  type: 'UserAdded',
  data: { userId: LAN, organisationId: 'to-thon-1', role: 'field-member' },
};
const add = (organisationId: string) => ({
  type: 'AddUser' as const,
  userId: LAN,
  organisationId,
  role: 'field-member' as const,
});

describe('a user', () => {
  it('is added with a password set, once', () => {
    spec
      .given([])
      .when(add('to-thon-1'))
      .then([added, { type: 'PasswordChanged', data: { userId: LAN } }]);
    spec.given([added]).when(add('to-thon-1')).then([]);
  });

  it('added again with another role is a conflict showing what is recorded, never a silent no-op', () => {
    spec
      .given([added])
      .when({ ...add('to-thon-1'), role: 'team-leader' })
      .thenRejects('UserAddedDifferently');
  });

  it('cannot be taken over by another organisation with the same username', () => {
    spec.given([added]).when(add('agribank')).thenRejects('UserInAnotherOrganisation', 'username');
  });

  it('changes role, is disabled and enabled only when that changes something', () => {
    spec
      .given([added])
      .when({ type: 'ChangeRole', userId: LAN, role: 'team-leader' })
      .then([{ type: 'UserRoleChanged', data: { userId: LAN, role: 'team-leader' } }]);
    spec.given([added]).when({ type: 'ChangeRole', userId: LAN, role: 'field-member' }).then([]);
    const disabled: UserEvent = { type: 'UserDisabled', data: { userId: LAN, reason: 'Rời tổ' } };
    spec.given([added]).when({ type: 'DisableUser', userId: LAN, reason: 'Rời tổ' }).then([disabled]);
    spec.given([added, disabled]).when({ type: 'DisableUser', userId: LAN, reason: 'again' }).then([]);
    spec
      .given([added, disabled])
      .when({ type: 'EnableUser', userId: LAN })
      .then([{ type: 'UserEnabled', data: { userId: LAN } }]);
  });

  it('refuses changes to a user who was never added', () => {
    spec
      .given([])
      .when({ type: 'DisableUser', userId: LAN, reason: '' })
      .thenRejects('UserNotFound', 'userId');
  });
});
