import type { Actor, OrganisationKind, Role } from '@cnscd/contracts';
import { ForbiddenError } from '../problem-details';

/** Who is calling, as established from a credential by the CredentialDirectory. */
export interface Principal {
  /** A person signed in (`user`, an access token) or a partner system (`api-key`). */
  readonly credential: 'user' | 'api-key';
  /** The user id or the key id: what events record as the actor. */
  readonly actorId: string;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  readonly role: Role;
  /** The commune the organisation belongs to: every command and query is confined to it. */
  readonly commune: string;
  /** What the credential may do: the permission model's scopes for its kind and role (`scopesOf`), or fewer. */
  readonly scopes: readonly string[];
}

/** The organisation a principal acts for, as deciders and events name it. */
export const actorOf = (p: Principal): Actor => ({
  organisationId: p.organisationId,
  organisationKind: p.organisationKind,
});

export function requireScope(principal: Principal, scope: string): void {
  if (!principal.scopes.includes(scope)) throw new ForbiddenError(scope);
}

/** Reads the credential from `Authorization: Bearer <token or key>` or `X-Api-Key: <key>`. */
export function credentialFromHeaders(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const pick = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const auth = pick(headers['authorization']);
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return pick(headers['x-api-key'])?.trim();
}
