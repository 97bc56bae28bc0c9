import { type z } from 'zod';
import { deciderOperation } from '@cnscd/service-kit';
import { newApiKey, common, managedBy, type WithSecret, RotateApiKeyRequest } from '../key-ring-write-parts';

type RotateInput = z.infer<typeof RotateApiKeyRequest> & WithSecret;

export const rotateApiKey = deciderOperation({
  ...common,
  kind: 'rotate-api-key',
  scope: 'identity:members',
  input: RotateApiKeyRequest as z.ZodType<RotateInput>,
  prepare: managedBy<RotateInput>((input) => ({ ...input, secret: newApiKey() })),
  command: (i, _p, now) => ({
    type: 'RotateKey' as const,
    organisationId: i.organisationId,
    keyId: i.keyId,
    newKeyId: i.newKeyId,
    sha256: i.secret!.sha256,
    oldValidUntil: new Date(now.getTime() + i.graceMinutes * 60_000).toISOString(),
  }),
  result: (i) => ({ keyId: i.newKeyId, apiKey: i.secret!.apiKey, replaces: i.keyId }),
});
