import { serviceWrites } from '@cnscd/service-kit';
import { issueApiKey, revokeApiKey, rotateApiKey } from './keys/key-ring.operations';
import { registerOrganisation } from './organisations/organisation.operations';
import { addUser, changeRole, disableUser, enableUser } from './users/user.operations';

/** The service's tags in its API document, for its writes and queries alike. */
export const ACCOUNTS = 'Đơn vị, người dùng / Organisations and users';
export const KEYS = 'Khóa API / API keys';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.identity.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const IDENTITY_WRITES = serviceWrites([
  {
    operation: registerOrganisation,
    http: {
      path: 'organisations',
      tag: ACCOUNTS,
      summary: 'Đăng ký đơn vị / Register an organisation',
      description:
        'Loại đơn vị quyết định mức quyền tối đa của mọi người, mọi khóa của đơn vị. The kind caps what its people and keys may do.',
    },
  },
  {
    operation: addUser,
    http: {
      path: 'users',
      tag: ACCOUNTS,
      summary: 'Tạo tài khoản / Add a user',
      description:
        'Tên đăng nhập và mật khẩu (băm argon2id) không nằm trong sự kiện. The username and password hash stay out of the events.',
      location: (r: Record<string, unknown>) => `/v1/users/${r['userId']}`,
    },
  },
  {
    operation: changeRole,
    http: {
      path: 'users/roles',
      tag: ACCOUNTS,
      summary: 'Đổi vai trò / Change a role',
      description: 'Có hiệu lực ngay ở mọi dịch vụ. Takes effect at once in every service.',
    },
  },
  {
    operation: disableUser,
    http: {
      path: 'users/disablements',
      tag: ACCOUNTS,
      summary: 'Khóa tài khoản / Disable a user',
      description: 'Mã truy cập đang có bị từ chối ngay. Tokens already issued are refused at once.',
    },
  },
  {
    operation: enableUser,
    http: {
      path: 'users/enablements',
      tag: ACCOUNTS,
      summary: 'Mở lại tài khoản / Enable a user',
      description: '',
    },
  },
  { operation: issueApiKey },
  {
    operation: revokeApiKey,
    http: {
      path: 'api-keys/revocations',
      tag: KEYS,
      summary: 'Thu hồi khóa / Revoke a key',
      description: 'Mọi dịch vụ từ chối khóa ngay. Every service refuses the key at once.',
    },
  },
  { operation: rotateApiKey },
]);
export const IDENTITY_OPERATIONS = IDENTITY_WRITES.registry;
export const CommandsHttpController = IDENTITY_WRITES.controller;
