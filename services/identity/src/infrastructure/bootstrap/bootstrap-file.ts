import type { Kysely } from 'kysely';
import { eventVersionIn, IDENTITY_CONTEXT, type OrganisationKind } from '@cnscd/contracts';
import type { Decider, DomainEvent } from '@cnscd/decider';
import { deterministicUuid, handleCommand, type EventStore } from '@cnscd/event-store';
import { commandContext, type Principal } from '@cnscd/service-kit';
import type { IdentityDatabase } from '../read-model';
import { keyRingDecider } from '../../keys/key-ring.decider';
import { organisationDecider } from '../../organisations/organisation.decider';
import { readBootstrapFile } from './bootstrap-schema';
import { userDecider } from '../../users/user.decider';
import { userIdOf } from '../../users/user-write-parts';

/**
 * The first organisations, administrators and partner keys of a deployment (and the demo data), from
 * a file. Every entry becomes the same events the API would record, under command ids derived from
 * the entry: applying the file again records nothing new. Entries already changed through the API
 * (a revoked key, a changed role) are not reverted.
 */
export async function applyBootstrapFile(
  path: string,
  store: EventStore,
  db: Kysely<IdentityDatabase>,
  now: Date,
): Promise<number> {
  const file = readBootstrapFile(path);
  const kinds = new Map(file.organisations.map((o) => [`${o.commune}/${o.organisationId}`, o.kind]));
  let last = 0;
  const run = async <C, S, E extends DomainEvent>(
    commune: string,
    organisationId: string,
    aggregateType: string,
    aggregateId: string,
    decider: Decider<C, S, E>,
    command: C,
    entry = aggregateId,
  ) => {
    const principal: Principal = {
      credential: 'api-key',
      actorId: 'bootstrap',
      organisationId,
      organisationKind: (kinds.get(`${commune}/${organisationId}`) ??
        'peoples-committee') as OrganisationKind,
      role: 'administrator',
      commune,
      scopes: [],
    };
    const commandId = deterministicUuid('bootstrap', commune, aggregateType, entry);
    const outcome = await handleCommand(store, {
      stream: { commune, context: 'identity', aggregateType, aggregateId },
      decider,
      commandType: `bootstrap-${aggregateType}`,
      command,
      context: commandContext(principal, commandId, now.toISOString(), {}),
      schemaVersionOf: eventVersionIn(IDENTITY_CONTEXT),
    });
    if (outcome.status === 'rejected')
      throw new Error(`Bootstrap ${aggregateType} ${aggregateId}: ${outcome.rejection.message.en}`);
    last = Math.max(last, outcome.position);
  };
  for (const o of file.organisations)
    await run(o.commune, o.organisationId, 'organisation', o.organisationId, organisationDecider, {
      type: 'RegisterOrganisation',
      organisationId: o.organisationId,
      kind: o.kind,
      name: o.name,
    });
  for (const u of file.users) {
    const userId = userIdOf(u.commune, u.username);
    await db
      .insertInto('accounts')
      .values({
        user_id: userId,
        commune: u.commune,
        username: u.username,
        password_hash: u.passwordHash,
        failed_attempts: 0,
        locked_until: null,
      })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    await run(u.commune, u.organisationId, 'user', userId, userDecider, {
      type: 'AddUser',
      userId,
      organisationId: u.organisationId,
      role: u.role,
    });
  }
  for (const k of file.apiKeys)
    await run(
      k.commune,
      k.organisationId,
      'key-ring',
      k.organisationId,
      keyRingDecider,
      {
        type: 'IssueKey',
        organisationKind: (kinds.get(`${k.commune}/${k.organisationId}`) ??
          'peoples-committee') as OrganisationKind,
        organisationId: k.organisationId,
        keyId: k.keyId,
        label: k.label,
        role: k.role,
        scopes: k.scopes ?? null,
        sha256: k.sha256,
      },
      k.keyId,
    );
  return last;
}
