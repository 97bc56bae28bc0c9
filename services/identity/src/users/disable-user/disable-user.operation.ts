import { ACCOUNTS } from '../../api-tags';
import { z } from 'zod';
import { UserDisabledV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { UserId, managed } from '../user-write-parts';

export const DisableUserRequest = z
  .strictObject({ ...COMMAND_FIELDS, ...UserId, reason: UserDisabledV1.shape.reason })
  .meta({ id: 'DisableUserRequest' });

export const disableUser = deciderOperation({
  ...managed<z.infer<typeof DisableUserRequest>>(),
  kind: 'disable-user',
  scope: 'identity:members',
  input: DisableUserRequest,
  http: {
    path: 'users/disablements',
    tag: ACCOUNTS,
    summary: 'Khóa tài khoản / Disable a user',
    description: 'Mã truy cập đang có bị từ chối ngay. Tokens already issued are refused at once.',
  },
  command: ({ userId, reason }) => ({ type: 'DisableUser' as const, userId, reason }),
});
