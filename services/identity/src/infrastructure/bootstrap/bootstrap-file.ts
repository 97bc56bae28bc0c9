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
  const kindOf = (commune: string, organisationId: string) =>
    (kinds.get(`${commune}/${organisationId}`) ?? 'peoples-committee') as OrganisationKind;
  const record = <C, S, E extends DomainEvent>(entry: Entry<C, S, E>) =>
    recordEntry(store, now, kindOf, entry);
  const positions: number[] = [];
  for (const o of file.organisations) positions.push(await record(organisationEntry(o)));
  for (const u of file.users) positions.push(await record(userEntry(u, await openAccount(db, u))));
  for (const k of file.apiKeys)
    positions.push(await record(keyEntry(k, kindOf(k.commune, k.organisationId))));
  return Math.max(0, ...positions);
}

/** One entry of the file: the aggregate it records on, and the command the API would send. */
interface Entry<C = unknown, S = unknown, E extends DomainEvent = DomainEvent> {
  readonly commune: string;
  readonly organisationId: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly decider: Decider<C, S, E>;
  readonly command: C;
  /** What names the entry in its command id (default: the aggregate id). */
  readonly entry?: string;
}

/** Records an entry as the organisation's administrator would, under a command id derived from it. */
async function recordEntry<C, S, E extends DomainEvent>(
  store: EventStore,
  now: Date,
  kindOf: (commune: string, organisationId: string) => OrganisationKind,
  { commune, organisationId, aggregateType, aggregateId, decider, command, entry }: Entry<C, S, E>,
): Promise<number> {
  const principal: Principal = {
    credential: 'api-key',
    actorId: 'bootstrap',
    organisationId,
    organisationKind: kindOf(commune, organisationId),
    role: 'administrator',
    commune,
    scopes: [],
  };
  const commandId = deterministicUuid('bootstrap', commune, aggregateType, entry ?? aggregateId);
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
  return outcome.position;
}

/** The user's username and password hash, in the service's own table (never an event). */
async function openAccount(
  db: Kysely<IdentityDatabase>,
  u: { commune: string; username: string; passwordHash: string },
): Promise<string> {
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
  return userId;
}

type Parsed = ReturnType<typeof readBootstrapFile>;

const organisationEntry = ({
  commune,
  organisationId,
  kind,
  name,
  villageCode,
}: Parsed['organisations'][number]) => ({
  commune,
  organisationId,
  aggregateType: 'organisation',
  aggregateId: organisationId,
  decider: organisationDecider,
  command: {
    type: 'RegisterOrganisation' as const,
    organisationId,
    kind,
    name,
    ...(villageCode ? { villageCode } : {}),
  },
});

const userEntry = ({ commune, organisationId, role }: Parsed['users'][number], userId: string) => ({
  commune,
  organisationId,
  aggregateType: 'user',
  aggregateId: userId,
  decider: userDecider,
  command: { type: 'AddUser' as const, userId, organisationId, role },
});

const keyEntry = (k: Parsed['apiKeys'][number], organisationKind: OrganisationKind) => ({
  commune: k.commune,
  organisationId: k.organisationId,
  aggregateType: 'key-ring',
  aggregateId: k.organisationId,
  decider: keyRingDecider,
  entry: k.keyId,
  command: {
    type: 'IssueKey' as const,
    organisationKind,
    organisationId: k.organisationId,
    keyId: k.keyId,
    label: k.label,
    role: k.role,
    scopes: k.scopes ?? null,
    sha256: k.sha256,
  },
});
