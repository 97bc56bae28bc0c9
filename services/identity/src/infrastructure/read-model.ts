import type { Generated } from 'kysely';

/** Organisations, users and key metadata (projected from identity events); accounts and refresh tokens (the service's own secrets, not rebuilt from events); the audit trail. */
export interface IdentityDatabase {
  organisations: {
    commune: string;
    organisation_id: string;
    kind: string;
    name: string;
    /** A village team's village (OrganisationRegistered `villageCode`), else null. */
    village_code: string | null;
    position: number;
  };
  users: {
    commune: string;
    user_id: string;
    organisation_id: string;
    role: string;
    disabled: boolean;
    position: number;
  };
  api_keys: {
    commune: string;
    key_id: string;
    organisation_id: string;
    label: string;
    role: string;
    scopes: string[] | null;
    issued_at: string;
    revoked_from: string | null;
    replaced_by: string | null;
  };
  /** Username and password hash (argon2id) per user: personal data and secrets, kept out of the events. */
  accounts: {
    user_id: string;
    commune: string;
    username: string;
    password_hash: string;
    failed_attempts: number;
    locked_until: Date | null;
  };
  /** Only the SHA-256 of each refresh token; a family is one sign-in and its rotations. */
  refresh_tokens: {
    token_hash: string;
    user_id: string;
    family: string;
    expires_at: Date;
    used_at: Date | null;
    revoked_at: Date | null;
  };
  audit_entries: {
    id: Generated<number>;
    source: string;
    outcome: 'accepted' | 'refused';
    at: Date;
    commune: string | null;
    service: string;
    organisation_id: string | null;
    actor_id: string | null;
    action: string;
    target: string | null;
    command_id: string | null;
    status: number | null;
    code: string | null;
    reason: string | null;
  };
}
