import type { Transaction } from 'kysely';
import { IDENTITY_CONTEXT } from '@cnscd/contracts';
import type { RecordedEvent } from '@cnscd/event-store';
import { foldWith, type EventOf, type Projection } from '@cnscd/read-model';
import type { KeyRingEvent } from '../keys/key-ring.decider';
import type { OrganisationEvent } from '../organisations/organisation.decider';
import type { SigningKeyEvent } from '../sessions/signing-key.decider';
import type { UserEvent } from '../users/user.decider';
import type { IdentityDatabase } from '../infrastructure/read-model';

type Trx = Transaction<IdentityDatabase>;
/** Every event of the identity context: the folds below must name each (the directory follows them all). */
type Any = RecordedEvent & (OrganisationEvent | UserEvent | KeyRingEvent | SigningKeyEvent);
type Of<T extends Any['type']> = EventOf<Any, T>;

/** Organisations, users and API key metadata as rows, for listing and for sign-in. Idempotent. */
export const identityProjection: Projection<IdentityDatabase> = {
  name: 'identity.directory.v1',
  filter: { context: IDENTITY_CONTEXT },
  async apply(trx, events) {
    for (const e of events as Any[]) await applyOne(trx, e);
  },
};

/** A user's row, changed only by an event newer than the one it last took. */
const userRow = (trx: Trx, e: Any, userId: string) =>
  trx.updateTable('users').where('user_id', '=', userId).where('position', '<', e.position);

async function organisationRegistered(trx: Trx, e: Of<'OrganisationRegistered'>) {
  await trx
    .insertInto('organisations')
    .values({ commune: e.stream.commune, ...pick(e.data), position: e.position })
    .onConflict((oc) => oc.columns(['commune', 'organisation_id']).doNothing())
    .execute();
}

async function userAdded(trx: Trx, e: Of<'UserAdded'>) {
  await trx
    .insertInto('users')
    .values({
      commune: e.stream.commune,
      user_id: e.data.userId,
      organisation_id: e.data.organisationId,
      role: e.data.role,
      disabled: false,
      position: e.position,
    })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

async function roleChanged(trx: Trx, e: Of<'UserRoleChanged'>) {
  await userRow(trx, e, e.data.userId).set({ role: e.data.role, position: e.position }).execute();
}

async function disabledOrEnabled(trx: Trx, e: Of<'UserDisabled' | 'UserEnabled'>) {
  await userRow(trx, e, e.data.userId)
    .set({ disabled: e.type === 'UserDisabled', position: e.position })
    .execute();
}

async function apiKeyIssued(trx: Trx, e: Of<'ApiKeyIssued'>) {
  await trx
    .insertInto('api_keys')
    .values({
      commune: e.stream.commune,
      key_id: e.data.keyId,
      organisation_id: e.data.organisationId,
      label: e.data.label,
      role: e.data.role,
      scopes: e.data.scopes,
      issued_at: e.recordedAt,
      revoked_from: null,
      replaced_by: null,
    })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

async function apiKeyRevoked(trx: Trx, e: Of<'ApiKeyRevoked'>) {
  await trx
    .updateTable('api_keys')
    .set({ revoked_from: e.data.effectiveAt, replaced_by: e.data.replacedBy })
    .where('key_id', '=', e.data.keyId)
    .execute();
}

/** Kept elsewhere: password hashes in `accounts` (by the write itself), signing keys by the credential directory. */
const nothingToKeep = async () => undefined;

const applyOne = foldWith<Any, Trx>({
  OrganisationRegistered: organisationRegistered,
  UserAdded: userAdded,
  UserRoleChanged: roleChanged,
  UserDisabled: disabledOrEnabled,
  UserEnabled: disabledOrEnabled,
  PasswordChanged: nothingToKeep,
  ApiKeyIssued: apiKeyIssued,
  ApiKeyRevoked: apiKeyRevoked,
  SigningKeyPublished: nothingToKeep,
});

const pick = (d: { organisationId: string; kind: string; name: string; villageCode?: string }) => ({
  organisation_id: d.organisationId,
  kind: d.kind,
  name: d.name,
  village_code: d.villageCode ?? null,
});
