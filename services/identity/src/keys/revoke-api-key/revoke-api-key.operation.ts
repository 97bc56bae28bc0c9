import { KEYS } from '../../api-tags';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { base, common, managedBy } from '../key-ring-write-parts';

export const RevokeApiKeyRequest = z
  .strictObject({ ...base, keyId: EntityId })
  .meta({ id: 'RevokeApiKeyRequest' });

export const revokeApiKey = deciderOperation({
  ...common,
  kind: 'revoke-api-key',
  scope: 'identity:members',
  input: RevokeApiKeyRequest,
  http: {
    path: 'api-keys/revocations',
    tag: KEYS,
    summary: 'Thu hồi khóa / Revoke a key',
    description: 'Mọi dịch vụ từ chối khóa ngay. Every service refuses the key at once.',
  },
  prepare: managedBy<z.infer<typeof RevokeApiKeyRequest>>(),
  command: (i, _p, now) => ({
    type: 'RevokeKey' as const,
    organisationId: i.organisationId,
    keyId: i.keyId,
    now: now.toISOString(),
  }),
  result: (i) => ({ keyId: i.keyId }),
});
