import { conflict, reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type {
  PasswordChangedData,
  Role,
  UserAddedData,
  UserDisabledData,
  UserEnabledData,
  UserRoleChangedData,
} from '@cnscd/contracts';

export type UserEvent =
  | DomainEvent<'UserAdded', UserAddedData>
  | DomainEvent<'UserRoleChanged', UserRoleChangedData>
  | DomainEvent<'UserDisabled', UserDisabledData>
  | DomainEvent<'UserEnabled', UserEnabledData>
  | DomainEvent<'PasswordChanged', PasswordChangedData>;

export type UserCommand =
  | ({ type: 'AddUser' } & UserAddedData)
  | ({ type: 'ChangeRole' } & UserRoleChangedData)
  | ({ type: 'DisableUser' } & UserDisabledData)
  | ({ type: 'EnableUser' } & UserEnabledData)
  | ({ type: 'RecordPasswordChange' } & PasswordChangedData);

export type UserState =
  | { readonly status: 'unknown' }
  | { readonly status: 'active' | 'disabled'; readonly organisationId: string; readonly role: Role };

export type UserRejection = Rejection<'UserNotFound' | 'UserInAnotherOrganisation' | 'UserAddedDifferently'>;

export function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserAdded':
      return { status: 'active', organisationId: event.data.organisationId, role: event.data.role };
    case 'UserRoleChanged':
      return state.status === 'unknown' ? state : { ...state, role: event.data.role };
    case 'UserDisabled':
      return state.status === 'unknown' ? state : { ...state, status: 'disabled' };
    case 'UserEnabled':
      return state.status === 'unknown' ? state : { ...state, status: 'active' };
    case 'PasswordChanged':
      return state;
  }
}

export function decide(command: UserCommand, state: UserState): UserEvent[] | UserRejection {
  if (command.type === 'AddUser') {
    const { userId, organisationId, role } = command;
    if (state.status === 'unknown')
      return [
        { type: 'UserAdded', data: { userId, organisationId, role } },
        { type: 'PasswordChanged', data: { userId } },
      ];
    if (state.organisationId !== organisationId)
      return reject(
        'UserInAnotherOrganisation',
        {
          vi: 'Tên đăng nhập này đã thuộc đơn vị khác.',
          en: 'This username belongs to another organisation.',
        },
        'username',
      );
    if (state.role !== role)
      return conflict(
        'UserAddedDifferently',
        {
          vi: 'Tên đăng nhập này đã có, với vai trò khác; xem nội dung đã ghi.',
          en: 'This username exists with another role; see what is recorded.',
        },
        { organisationId: state.organisationId, role: state.role },
      );
    return [];
  }
  if (state.status === 'unknown')
    return reject('UserNotFound', { vi: 'Không có người dùng này.', en: 'No such user.' }, 'userId');
  switch (command.type) {
    case 'ChangeRole':
      return state.role === command.role
        ? []
        : [{ type: 'UserRoleChanged', data: { userId: command.userId, role: command.role } }];
    case 'DisableUser':
      return state.status === 'disabled'
        ? []
        : [{ type: 'UserDisabled', data: { userId: command.userId, reason: command.reason } }];
    case 'EnableUser':
      return state.status === 'active' ? [] : [{ type: 'UserEnabled', data: { userId: command.userId } }];
    case 'RecordPasswordChange':
      return [{ type: 'PasswordChanged', data: { userId: command.userId } }];
  }
}

export const userDecider: Decider<UserCommand, UserState, UserEvent> = {
  initialState: () => ({ status: 'unknown' }),
  evolve,
  decide,
};
