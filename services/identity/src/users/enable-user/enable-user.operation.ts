import { ACCOUNTS } from '../../api-tags';
import { z } from 'zod';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { UserId, managed } from '../user-write-parts';

export const EnableUserRequest = z
  .strictObject({ ...COMMAND_FIELDS, ...UserId })
  .meta({ id: 'EnableUserRequest' });

export const enableUser = deciderOperation({
  ...managed<z.infer<typeof EnableUserRequest>>(),
  kind: 'enable-user',
  scope: 'identity:members',
  input: EnableUserRequest,
  http: {
    path: 'users/enablements',
    tag: ACCOUNTS,
    summary: 'Mở lại tài khoản / Enable a user',
    description: '',
  },
  command: ({ userId }) => ({ type: 'EnableUser' as const, userId }),
});
