import type { z } from 'zod';
import * as e from './identity-events';

export * from './identity-events';

type Data<S extends z.ZodType> = z.infer<S>;
export type OrganisationRegisteredData = Data<typeof e.OrganisationRegisteredV1>;
export type UserAddedData = Data<typeof e.UserAddedV1>;
export type UserRoleChangedData = Data<typeof e.UserRoleChangedV1>;
export type UserDisabledData = Data<typeof e.UserDisabledV1>;
export type UserEnabledData = Data<typeof e.UserEnabledV1>;
export type PasswordChangedData = Data<typeof e.PasswordChangedV1>;
export type ApiKeyIssuedData = Data<typeof e.ApiKeyIssuedV1>;
export type ApiKeyRevokedData = Data<typeof e.ApiKeyRevokedV1>;
export type SigningKeyPublishedData = Data<typeof e.SigningKeyPublishedV1>;

/** The bounded context of organisations, users and credentials; every service reads it to check credentials. */
export const IDENTITY_CONTEXT = 'identity';

/** Aggregates: `organisation` (its id), `user` (user id), `key-ring` (the organisation's id), `signing-key` (kid). */
export const IdentityEvents = {
  OrganisationRegistered: { version: 1, schema: e.OrganisationRegisteredV1 },
  UserAdded: { version: 1, schema: e.UserAddedV1 },
  UserRoleChanged: { version: 1, schema: e.UserRoleChangedV1 },
  UserDisabled: { version: 1, schema: e.UserDisabledV1 },
  UserEnabled: { version: 1, schema: e.UserEnabledV1 },
  PasswordChanged: { version: 1, schema: e.PasswordChangedV1 },
  ApiKeyIssued: { version: 1, schema: e.ApiKeyIssuedV1 },
  ApiKeyRevoked: { version: 1, schema: e.ApiKeyRevokedV1 },
  SigningKeyPublished: { version: 1, schema: e.SigningKeyPublishedV1 },
} as const satisfies Record<string, { version: number; schema: z.ZodType }>;
export type IdentityEventType = keyof typeof IdentityEvents;

/** Signing keys belong to the whole deployment, not a commune: their events live under this code. */
export const DEPLOYMENT_COMMUNE = '00000';

/** Token claims every service reads (the signature is checked with a published SigningKey). */
export const TOKEN_ISSUER = 'cnscd-identity';
export const TOKEN_AUDIENCE = 'cnscd';
export * from './command-refused';
