import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  DEPLOYMENT_COMMUNE,
  IDENTITY_CONTEXT,
  IdentityEvents,
  scopesOf,
  type IdentityEventType,
} from '@cnscd/contracts';
import { contentHash, type EventStore } from '@cnscd/event-store';
import {
  createTestSigningKey,
  type TestOrganisation,
  type TestSigningKey,
  type TokenOptions,
} from '@cnscd/testing';

/** The credentials seeded for test organisations, by their `id`, and ways to spoil them. */
export interface TestCredentials {
  /** The plaintext API key of each test organisation. */
  readonly keys: Record<string, string>;
  /** The key id of each API key: what events record as the actor's `userId` for calls made with it. */
  readonly keyIds: Record<string, string>;
  /** The id of each test organisation's user: the `sub` of its tokens. */
  readonly userIds: Record<string, string>;
  /** An access token for the test organisation's user, signed with the published signing key. */
  tokenFor(id: string, options?: TokenOptions): Promise<string>;
  /** The same token signed with a key that was never published. */
  forgedTokenFor(id: string, options?: TokenOptions): Promise<string>;
  /** Revokes the test organisation's API key from `effectiveAt` (default: now). */
  revokeKey(id: string, effectiveAt?: Date): Promise<void>;
  /** Disables the test organisation's user: its tokens are refused from then on. */
  disableUser(id: string, reason?: string): Promise<void>;
}

const SEEDER = { organisationId: 'cnscd-test', userId: 'seed-credentials' };

/**
 * Appends the identity events the identity service would for the test organisations: each
 * organisation registered, an API key and a user per entry, and one signing key for tokens.
 * Services fold these into their CredentialDirectory, so they must be in the stream before a service starts.
 */
export async function seedCredentials(
  store: EventStore,
  organisations: readonly TestOrganisation[],
): Promise<TestCredentials> {
  const append = appendIdentityEvent(store);
  await registerOrganisations(append, organisations);

  const byId = new Map(organisations.map((o) => [o.id, o]));
  const keys: Record<string, string> = {};
  const keyIds: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  for (const o of organisations) {
    const issued = await issueKeyAndUser(append, o);
    keys[o.id] = issued.key;
    keyIds[o.id] = issued.keyId;
    userIds[o.id] = issued.userId;
  }

  const signingKey = await createTestSigningKey();
  await append(DEPLOYMENT_COMMUNE, 'signing-key', signingKey.published.kid, 'SigningKeyPublished', {
    ...signingKey.published,
  });

  const entry = (id: string) => {
    const o = byId.get(id);
    if (!o) throw new Error(`No test organisation ${id}`);
    return o;
  };
  const sign = (key: TestSigningKey, id: string, options?: TokenOptions) => {
    const o = entry(id);
    const subject = {
      userId: userIds[id]!,
      commune: o.commune,
      organisationId: o.organisationId,
      role: o.role,
    };
    return key.sign(subject, options);
  };
  return {
    keys,
    keyIds,
    userIds,
    tokenFor: (id, options) => sign(signingKey, id, options),
    forgedTokenFor: async (id, options) => sign(await createTestSigningKey(), id, options),
    async revokeKey(id, effectiveAt = new Date()) {
      const o = entry(id);
      await append(o.commune, 'key-ring', o.organisationId, 'ApiKeyRevoked', {
        organisationId: o.organisationId,
        keyId: keyIds[id]!,
        effectiveAt: effectiveAt.toISOString(),
        replacedBy: null,
      });
    },
    async disableUser(id, reason = 'disabled by a test') {
      const o = entry(id);
      await append(o.commune, 'user', userIds[id]!, 'UserDisabled', { userId: userIds[id]!, reason });
    },
  };
}

type Append = ReturnType<typeof appendIdentityEvent>;

/** An API key (its hash in the event, the key itself for the test) and a user for one organisation entry. */
async function issueKeyAndUser(append: Append, o: TestOrganisation) {
  checkScopes(o);
  const key = `cnscd_test_${randomBytes(32).toString('base64url')}`;
  const [keyId, userId] = [randomUUID(), randomUUID()];
  await append(o.commune, 'key-ring', o.organisationId, 'ApiKeyIssued', {
    organisationId: o.organisationId,
    keyId,
    label: `test key ${o.id}`,
    role: o.role,
    scopes: o.scopes ? [...o.scopes] : null,
    sha256: createHash('sha256').update(key, 'utf8').digest('hex'),
  });
  await append(o.commune, 'user', userId, 'UserAdded', {
    userId,
    organisationId: o.organisationId,
    role: o.role,
  });
  return { key, keyId, userId };
}

/** One OrganisationRegistered per (commune, organisation), unless the stream already has it. */
async function registerOrganisations(append: Append, organisations: readonly TestOrganisation[]) {
  const kinds = new Map<string, TestOrganisation>();
  for (const o of organisations) {
    const key = `${o.commune}/${o.organisationId}`;
    const seen = kinds.get(key);
    if (seen && seen.organisationKind !== o.organisationKind)
      throw new Error(
        `${key} is a ${seen.organisationKind} in ${seen.id}, a ${o.organisationKind} in ${o.id}`,
      );
    kinds.set(key, o);
  }
  for (const o of kinds.values()) {
    await append(
      o.commune,
      'organisation',
      o.organisationId,
      'OrganisationRegistered',
      { organisationId: o.organisationId, kind: o.organisationKind, name: o.organisationId },
      { onlyIfNew: true },
    );
  }
}

/** The identity service refuses a key with more scopes than its organisation's kind and role allow. */
function checkScopes(o: TestOrganisation) {
  const allowed = scopesOf(o.organisationKind, o.role);
  const extra = (o.scopes ?? []).filter((s) => !allowed.includes(s));
  if (extra.length > 0)
    throw new Error(
      `test key ${o.id}: a ${o.role} of a ${o.organisationKind} may not have ${extra.join(', ')}`,
    );
}

/** Appends one identity event, validated against its contract, at the aggregate's current revision. */
function appendIdentityEvent(store: EventStore) {
  return async <T extends IdentityEventType>(
    commune: string,
    aggregateType: string,
    aggregateId: string,
    type: T,
    data: z.input<(typeof IdentityEvents)[T]['schema']>,
    { onlyIfNew = false } = {},
  ): Promise<void> => {
    const { schema, version } = IdentityEvents[type];
    const parsed: unknown = schema.parse(data);
    const stream = { commune, context: IDENTITY_CONTEXT, aggregateType, aggregateId };
    const { revision } = await store.readStream(stream);
    if (onlyIfNew && revision > 0) return;
    const commandId = randomUUID();
    await store.append(stream, revision, [{ type, data: parsed, schemaVersion: version }], {
      commandId,
      commandHash: contentHash({ type, stream, data: parsed }),
      actor: SEEDER,
      correlationId: commandId,
      causationId: commandId,
      occurredAt: new Date().toISOString(),
    });
  };
}
