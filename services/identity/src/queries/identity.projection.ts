import type { Transaction } from 'kysely';
import { IDENTITY_CONTEXT } from '@cnscd/contracts';
import type { RecordedEvent } from '@cnscd/event-store';
import type { Projection } from '@cnscd/read-model';
import type { KeyRingEvent } from '../keys/key-ring.decider';
import type { OrganisationEvent } from '../organisations/organisation.decider';
import type { UserEvent } from '../users/user.decider';
import type { IdentityDatabase } from '../infrastructure/read-model';

type Trx = Transaction<IdentityDatabase>;
type Any = RecordedEvent & (OrganisationEvent | UserEvent | KeyRingEvent);

/** Organisations, users and API key metadata as rows, for listing and for sign-in. Idempotent. */
export const identityProjection: Projection<IdentityDatabase> = {
  name: 'identity.directory.v1',
  filter: { context: IDENTITY_CONTEXT },
  async apply(trx, events) {
    for (const e of events as Any[]) await applyOne(trx, e);
  },
};

async function applyOne(trx: Trx, e: Any) {
  const commune = e.stream.commune;
  const user = (userId: string) =>
    trx.updateTable('users').where('user_id', '=', userId).where('position', '<', e.position);
  switch (e.type) {
    case 'OrganisationRegistered':
      await trx
        .insertInto('organisations')
        .values({ commune, ...pick(e.data), position: e.position })
        .onConflict((oc) => oc.columns(['commune', 'organisation_id']).doNothing())
        .execute();
      return;
    case 'UserAdded':
      await trx
        .insertInto('users')
        .values({
          commune,
          user_id: e.data.userId,
          organisation_id: e.data.organisationId,
          role: e.data.role,
          disabled: false,
          position: e.position,
        })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .execute();
      return;
    case 'UserRoleChanged':
      await user(e.data.userId).set({ role: e.data.role, position: e.position }).execute();
      return;
    case 'UserDisabled':
    case 'UserEnabled':
      await user(e.data.userId)
        .set({ disabled: e.type === 'UserDisabled', position: e.position })
        .execute();
      return;
    case 'PasswordChanged':
      return;
    case 'ApiKeyIssued':
      await trx
        .insertInto('api_keys')
        .values({
          commune,
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
      return;
    case 'ApiKeyRevoked':
      await trx
        .updateTable('api_keys')
        .set({ revoked_from: e.data.effectiveAt, replaced_by: e.data.replacedBy })
        .where('key_id', '=', e.data.keyId)
        .execute();
      return;
  }
}

const pick = (d: { organisationId: string; kind: string; name: string }) => ({
  organisation_id: d.organisationId,
  kind: d.kind,
  name: d.name,
});
