import { ACCOUNTS, KEYS } from './api-tags';
import { IDENTITY_WRITES } from './identity-operations';
import { z } from 'zod';
import {
  AUTH_RESPONSES,
  HEALTH_DOCS,
  buildOpenApiDocument,
  commandDoc,
  queryDoc,
  type RouteDoc,
} from '@cnscd/service-kit';
import { AuditParams } from './queries/audit/audit-query';
import { IssueApiKeyRequest, RotateApiKeyRequest } from './keys/key-ring-write-parts';
import { ListParams } from './queries/identity.http.controller';
import { SetPasswordRequest } from './users/set-password/set-password.http.controller';
import { RefreshRequest, SessionResponse, SignInRequest } from './sessions/sessions.http.controller';

const SESSIONS = 'Đăng nhập / Sign-in';
const AUDIT = 'Nhật ký / Audit';

const Organisation = z.object({
  organisationId: z.string(),
  kind: z.string(),
  name: z.string(),
  villageCode: z.string().nullable(),
});
const User = z.object({
  userId: z.string(),
  organisationId: z.string(),
  username: z.string(),
  role: z.string(),
  disabled: z.boolean(),
});
const ApiKey = z.object({
  keyId: z.string(),
  organisationId: z.string(),
  label: z.string(),
  role: z.string(),
  scopes: z.array(z.string()).nullable(),
  issuedAt: z.string(),
  revokedFrom: z.string().nullable(),
  replacedBy: z.string().nullable(),
});
const AuditEntry = z.object({
  outcome: z.enum(['accepted', 'refused']),
  at: z.string(),
  service: z.string(),
  organisationId: z.string().nullable(),
  actorId: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  commandId: z.string().nullable(),
  status: z.number().nullable(),
  code: z.string().nullable(),
  reason: z.string().nullable(),
});
const publicPost = (path: string, summary: string, body: z.ZodType, ok: RouteDoc['responses']): RouteDoc => ({
  method: 'post',
  path,
  tags: [SESSIONS],
  summary,
  body,
  public: true,
  responses: { ...ok, 400: { description: 'Dữ liệu không hợp lệ / Invalid input' } },
});

const routes: RouteDoc[] = [
  publicPost('/v1/sessions', 'Đăng nhập / Sign in', SignInRequest, {
    200: {
      description: 'Mã truy cập 15 phút và mã làm mới / A 15-minute access token and a refresh token',
      schema: SessionResponse,
    },
    401: { description: 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password' },
    429: { description: 'Tạm khóa sau nhiều lần sai / Locked after repeated failures' },
  }),
  publicPost('/v1/sessions/refresh', 'Làm mới mã truy cập / Refresh the access token', RefreshRequest, {
    200: {
      description: 'Mã mới; mã làm mới cũ hết hiệu lực / New tokens; the old refresh token is spent',
      schema: SessionResponse,
    },
    401: { description: 'Mã làm mới sai, đã dùng, hết hạn / Unknown, used or expired refresh token' },
  }),
  publicPost('/v1/sessions/sign-out', 'Đăng xuất / Sign out', RefreshRequest, {
    204: { description: 'Đã đăng xuất / Signed out' },
  }),
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    tags: [SESSIONS],
    summary: 'Khóa công khai ký mã truy cập / Public keys that sign access tokens',
    public: true,
    responses: {
      200: {
        description: 'JWKS (RFC 7517): Ed25519 keys',
        schema: z.object({
          keys: z.array(
            z.object({
              kty: z.literal('OKP'),
              crv: z.literal('Ed25519'),
              x: z.string(),
              kid: z.string(),
              alg: z.literal('EdDSA'),
              use: z.literal('sig'),
            }),
          ),
        }),
      },
    },
  },
  ...IDENTITY_WRITES.docs,
  queryDoc(
    '/v1/organisations',
    ACCOUNTS,
    'Các đơn vị trong xã / Organisations of the commune',
    z.array(Organisation),
  ),
  queryDoc('/v1/users', ACCOUNTS, 'Người dùng / Users', z.array(User), ListParams),
  {
    method: 'post',
    path: '/v1/users/passwords',
    tags: [ACCOUNTS],
    summary: 'Đặt mật khẩu / Set a password',
    description:
      'Tự đổi (kèm mật khẩu hiện tại) hoặc người quản lý đặt lại; mọi phiên đăng nhập của người đó kết thúc. Oneself (with the current password) or a manager; ends every sign-in of that user.',
    body: SetPasswordRequest,
    responses: {
      200: {
        description: 'Đã đổi; mọi phiên của người đó đã kết thúc / Changed; every sign-in of that user ended',
        schema: z.object({ userId: z.string() }),
      },
      400: { description: 'Mật khẩu quá ngắn / Too short' },
      ...AUTH_RESPONSES,
    },
  },
  commandDoc(
    '/v1/api-keys',
    KEYS,
    'Cấp khóa API cho hệ thống đối tác / Issue a partner system key',
    IssueApiKeyRequest,
    'Khóa chỉ hiện một lần trong câu trả lời (`apiKey`); chỉ lưu mã băm. The key is shown once (`apiKey`); only its hash is kept.',
  ),
  queryDoc('/v1/api-keys', KEYS, 'Các khóa API / API keys', z.array(ApiKey), ListParams),
  commandDoc(
    '/v1/api-keys/rotations',
    KEYS,
    'Đổi khóa / Rotate a key',
    RotateApiKeyRequest,
    'Khóa mới như khóa cũ; khóa cũ còn dùng được `graceMinutes` phút. A new key like the old; the old one works for `graceMinutes` more.',
  ),
  queryDoc(
    '/v1/audit',
    AUDIT,
    'Lệnh được nhận và bị từ chối / Accepted and refused commands',
    z.array(AuditEntry),
    AuditParams,
  ),
  ...HEALTH_DOCS,
];

export const identityOpenApi = () =>
  buildOpenApiDocument(
    {
      title: 'cnscd — Identity service (đơn vị, người dùng, khóa, nhật ký)',
      version: '0.1.0',
      description:
        'Đơn vị, người dùng, đăng nhập, khóa API cho hệ thống đối tác, và nhật ký mọi lệnh. ' +
        'Organisations, users, sign-in, partner API keys, and the audit trail of every command. ' +
        'Every service checks tokens and keys itself from the identity events: this service may be down without stopping field work.',
    },
    routes,
  );
