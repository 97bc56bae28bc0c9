import { ACCOUNTS } from '../../api-tags';
import { z } from 'zod';
import { ROLE_NAMES } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { UserId, managed } from '../user-write-parts';

export const ChangeRoleRequest = z
  .strictObject({ ...COMMAND_FIELDS, ...UserId, role: z.enum(ROLE_NAMES) })
  .meta({ id: 'ChangeRoleRequest' });

export const changeRole = deciderOperation({
  ...managed<z.infer<typeof ChangeRoleRequest>>(),
  kind: 'change-role',
  scope: 'identity:members',
  input: ChangeRoleRequest,
  http: {
    path: 'users/roles',
    tag: ACCOUNTS,
    summary: 'Đổi vai trò / Change a role',
    description: 'Có hiệu lực ngay ở mọi dịch vụ. Takes effect at once in every service.',
  },
  command: ({ userId, role }) => ({ type: 'ChangeRole' as const, userId, role }),
});
