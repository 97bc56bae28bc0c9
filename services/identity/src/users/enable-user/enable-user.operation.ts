import { ACCOUNTS } from '../../api-tags';
import { z } from 'zod';
import { deciderOperation } from '@cnscd/service-kit';
import { base, UserId, managed } from '../user-write-parts';

export const EnableUserRequest = z.strictObject({ ...base, ...UserId }).meta({ id: 'EnableUserRequest' });

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
