import type { OrganisationKind, Role, Scope } from '@cnscd/contracts';

/**
 * A test caller: an API key of the organisation and a user of it, both with its role. The key's scopes
 * are the permission model's for its kind and role, or the fewer it names; the user's are the role's.
 */
export interface TestOrganisation {
  readonly id: string;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  readonly role: Role;
  readonly commune: string;
  readonly scopes?: readonly Scope[];
}
