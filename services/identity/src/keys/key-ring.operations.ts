import { KEYS } from '../api-tags';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  ApiKeyIssuedV1,
  EntityId,
  OccurredAt,
  OrganisationId,
  ROLE_NAMES,
  SCOPE_NAMES,
  type OrganisationKind,
} from '@cnscd/contracts';
import { deciderOperation, type Principal } from '@cnscd/service-kit';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { IDENTITY_PROJECTION } from '../tokens';
import { keyRingDecider } from './key-ring.decider';

/** A new partner key: 256 random bits. Shown once, in the answer to the command that made it. */
export function newApiKey(): { apiKey: string; sha256: string } {
  const apiKey = `cnscd_${randomBytes(32).toString('base64url')}`;
  return { apiKey, sha256: createHash('sha256').update(apiKey).digest('hex') };
}

const base = { commandId: EntityId, occurredAt: OccurredAt, organisationId: OrganisationId };
const common = {
  aggregateType: 'key-ring',
  decider: keyRingDecider,
  projection: IDENTITY_PROJECTION,
  aggregateId: (i: { organisationId: string }) => i.organisationId,
} as const;
/** Checks the caller may manage the key ring's organisation; `complete` adds what the input lacks (a new secret). */
const managedBy = <I extends { organisationId: string }>(complete: (input: I) => I = (input) => input) => ({
  use: OrganisationDirectory,
  run: async (d: OrganisationDirectory, input: I, p: Principal) => {
    await d.manageable(p, input.organisationId);
    return complete(input);
  },
});

/** The secret is made in `prepare`, after the idempotency content is fixed: it never enters the content hash. */
type WithSecret = { secret?: { apiKey: string; sha256: string } };

export const IssueApiKeyRequest = z
  .strictObject({
    ...base,
    keyId: EntityId,
    label: ApiKeyIssuedV1.shape.label,
    role: z.enum(ROLE_NAMES),
    /** Fewer scopes than the role gives, for a system that needs only some. */
    scopes: z.array(z.enum(SCOPE_NAMES)).min(1).optional(),
  })
  .meta({ id: 'IssueApiKeyRequest' });
type IssueInput = z.infer<typeof IssueApiKeyRequest> & WithSecret & { organisationKind?: OrganisationKind };

export const issueApiKey = deciderOperation({
  ...common,
  kind: 'issue-api-key',
  scope: 'identity:members',
  input: IssueApiKeyRequest as z.ZodType<IssueInput>,
  prepare: {
    use: OrganisationDirectory,
    run: async (d: OrganisationDirectory, input: IssueInput, p: Principal) => {
      // The organisation's kind bounds the key's scopes: the decider judges them (ScopeBeyondRole).
      const organisationKind = await d.manageable(p, input.organisationId);
      return { ...input, organisationKind, secret: newApiKey() };
    },
  },
  command: (i) => ({
    type: 'IssueKey' as const,
    organisationKind: i.organisationKind!,
    organisationId: i.organisationId,
    keyId: i.keyId,
    label: i.label,
    role: i.role,
    scopes: i.scopes ?? null,
    sha256: i.secret!.sha256,
  }),
  result: (i) => ({ keyId: i.keyId, apiKey: i.secret!.apiKey }),
});

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

export const RotateApiKeyRequest = z
  .strictObject({
    ...base,
    keyId: EntityId,
    newKeyId: EntityId,
    /** How long the old key keeps working, for the partner to deploy the new one (0 = at once, at most 7 days). */
    graceMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
  })
  .meta({ id: 'RotateApiKeyRequest' });
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
