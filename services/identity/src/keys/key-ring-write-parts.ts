import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApiKeyIssuedV1, EntityId, OrganisationId, ROLE_NAMES, SCOPE_NAMES } from '@cnscd/contracts';
import { COMMAND_FIELDS, hashApiKey, type Principal } from '@cnscd/service-kit';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { IDENTITY_PROJECTION } from '../infrastructure/tokens';
import { keyRingDecider } from './key-ring.decider';

/** A new partner key: 256 random bits. Shown once, in the answer to the command that made it. */
export function newApiKey(): { apiKey: string; sha256: string } {
  const apiKey = `cnscd_${randomBytes(32).toString('base64url')}`;
  return { apiKey, sha256: hashApiKey(apiKey) };
}

export const base = { ...COMMAND_FIELDS, organisationId: OrganisationId };

export const common = {
  aggregateType: 'key-ring',
  decider: keyRingDecider,
  projection: IDENTITY_PROJECTION,
  aggregateId: (i: { organisationId: string }) => i.organisationId,
} as const;

/** Checks the caller may manage the key ring's organisation; `complete` adds what the input lacks (a new secret). */
export const managedBy = <I extends { organisationId: string }>(
  complete: (input: I) => I = (input) => input,
) => ({
  use: OrganisationDirectory,
  run: async (d: OrganisationDirectory, input: I, p: Principal) => {
    await d.manageable(p, input.organisationId);
    return complete(input);
  },
});

/** The secret is made in `prepare`, after the idempotency content is fixed: it never enters the content hash. */
export type WithSecret = { secret?: { apiKey: string; sha256: string } };

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
