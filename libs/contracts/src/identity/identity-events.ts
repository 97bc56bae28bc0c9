import { z } from 'zod';
import { ORGANISATION_KINDS } from '../adoption';
import { ROLE_NAMES, SCOPE_NAMES } from '../access/permissions';
import { EntityId, Instant, VillageCode, containsIdLikeNumber } from '../identifiers';

/** Organisations are named by a short slug (`to-cnscd-thon-1`, `agribank-di-linh`), unique in their commune. */
export const OrganisationId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'Mã đơn vị: chữ thường, số, gạch nối / a-z, 0-9, hyphens' })
  .refine((n) => !containsIdLikeNumber(n), { error: 'Không được chứa số giấy tờ / No ID numbers' });
/** Free text that ends up in events: never an ID or phone number. */
const Text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((n) => !containsIdLikeNumber(n), { error: 'Không được chứa số giấy tờ / No ID numbers' });
const OrganisationName = Text(120);

/**
 * An organisation of the plan joined the programme in this commune (the commune is the event's).
 * Its kind caps what any of its people or systems may ever do (ORGANISATION_CEILINGS).
 */
export const OrganisationRegisteredV1 = z.object({
  organisationId: OrganisationId,
  kind: z.enum(ORGANISATION_KINDS),
  name: OrganisationName,
  /**
   * A village team's village: the field app fills it in for its people (added 2026-12-02, v1 still:
   * an organisation registered before has none).
   */
  villageCode: VillageCode.optional(),
});

/**
 * A person was given an account in an organisation. Their username, name and password hash are kept
 * by the identity service outside the event stream (they are personal data and secrets): the event
 * says only who belongs where, with which role.
 */
export const UserAddedV1 = z.object({
  userId: EntityId,
  organisationId: OrganisationId,
  role: z.enum(ROLE_NAMES),
});
export const UserRoleChangedV1 = z.object({ userId: EntityId, role: z.enum(ROLE_NAMES) });
/** A disabled user's tokens stop working at once in every service; their refresh tokens are refused. */
export const UserDisabledV1 = z.object({ userId: EntityId, reason: Text(200, 0) });
export const UserEnabledV1 = z.object({ userId: EntityId });
/** The password was set or changed (the hash is not in the event). */
export const PasswordChangedV1 = z.object({ userId: EntityId });

/**
 * A machine credential for a partner system. Only the SHA-256 of the key is kept: keys are 256-bit
 * random secrets, so a fast hash cannot be reversed, and every service can check a key locally.
 */
export const ApiKeyIssuedV1 = z.object({
  organisationId: OrganisationId,
  keyId: EntityId,
  label: Text(80),
  role: z.enum(ROLE_NAMES),
  /** Fewer scopes than the role allows, for a system that needs only some (null = the role's). */
  scopes: z.array(z.enum(SCOPE_NAMES)).nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
/** The key stops working at `effectiveAt` (now, or later when a rotation leaves the old key a grace period). */
export const ApiKeyRevokedV1 = z.object({
  organisationId: OrganisationId,
  keyId: EntityId,
  effectiveAt: Instant,
  replacedBy: EntityId.nullable(),
});

/** A public key tokens are signed with; services verify tokens with it, without calling the identity service. */
export const SigningKeyPublishedV1 = z.object({
  kid: z.string().min(16).max(64),
  alg: z.literal('EdDSA'),
  publicJwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(40).max(50) }),
});
