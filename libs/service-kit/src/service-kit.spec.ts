// Long: the shell's pure pieces (problem details, input parsing, scopes, trace context), one sentence
// per behaviour; each describe block is independent and could move out when one of them grows.
// Imports file by file: the package index also loads Nest, whose ES modules Jest cannot require.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  IDENTITY_CONTEXT,
  IdentityEvents,
  scopesOf,
  type IdentityEventType,
  type OrganisationKind,
  type Role,
  type Scope,
} from '@cnscd/contracts';
import { reject } from '@cnscd/decider';
import {
  CommandIdConflictError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
  type RecordedEvent,
} from '@cnscd/event-store';
import { createTestSigningKey, type TestSigningKey } from '@cnscd/testing';
import {
  CredentialDirectory,
  CredentialRefused,
  hashApiKey,
  type RefusalReason,
} from './auth/credential-directory';
import { credentialFromHeaders, requireScope } from './auth/principal';
import {
  AccountLockedError,
  AuthenticationError,
  ForbiddenError,
  NotConfiguredError,
  InputValidationError,
  NotReadyError,
  RejectedCommandError,
  WritesBusyError,
  isFailure,
  toProblem,
} from './problem-details';
import { continueTrace } from './trace-context';
import { loadServiceConfig, natsConnectionOptions } from './service/service-config';
import { parseInput } from './zod-input';

describe('problem details', () => {
  it('tells the caller what to do about an expired token or a revoked key, and nothing about an unknown one', () => {
    expect(toProblem(new CredentialRefused('expired-token')).detail).toMatch(/refresh/);
    expect(toProblem(new CredentialRefused('revoked-key')).detail).toMatch(/revoked/);
    expect(toProblem(new CredentialRefused('unknown-key')).detail).toBeUndefined();
    expect(toProblem(new CredentialRefused('bad-signature')).detail).toBeUndefined();
  });

  it.each([
    [new InputValidationError([{ pointer: '#/topics', detail: 'x' }]), 400, 'invalid-input'],
    [new AuthenticationError(), 401, 'unauthenticated'],
    [new ForbiddenError('outreach:visits:write'), 403, 'forbidden'],
    [new AccountLockedError(new Date('2026-03-02T01:00:00Z')), 429, 'account-locked'],
    [new NotConfiguredError('no resident key secret for commune 99009'), 503, 'not-configured'],
    [new CommandIdConflictError('c-1'), 409, 'command-id-conflict'],
    [
      new WrongExpectedRevisionError(
        { commune: '99001', context: 'a', aggregateType: 'b', aggregateId: 'c' },
        3,
      ),
      409,
      'concurrency-conflict',
    ],
    [new Error('boom at 079203001234'), 500, 'internal-error'],
  ])('maps %p to status %i, code %s', (err, status, code) => {
    const problem = toProblem(err);
    expect(problem).toMatchObject({ status, code, type: `urn:cnscd:problem:${code}` });
    expect(JSON.stringify(problem)).not.toContain('079203001234');
  });

  it('counts as failures, to be logged as errors, the 5xx nobody meant — not a 503 a service answers by design', () => {
    const failure = (err: unknown) => isFailure(toProblem(err));
    expect(failure(new Error('boom'))).toBe(true);
    expect(failure(new EventStoreUnavailableError(new Error('timeout')))).toBe(true);
    expect(failure(new NotConfiguredError('no resident key secret'))).toBe(true);
    expect(failure(new WritesBusyError(512))).toBe(false);
    expect(failure(new NotReadyError('indicators rebuilding'))).toBe(false);
    expect(failure(new ForbiddenError('outreach:visits:write'))).toBe(false);
    expect(isFailure({ status: 502 })).toBe(true);
  });

  it('answers 503 database-unavailable, not 500, when PostgreSQL does not answer — and 500 for a wrong query', () => {
    const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    for (const away of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('53300', 'too many connections for database'),
      withCode('08006', 'connection failure'),
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
    ])
      expect(toProblem(away)).toMatchObject({ status: 503, code: 'database-unavailable' });
    expect(toProblem(withCode('23505', 'duplicate key value'))).toMatchObject({ status: 500 });
    expect(toProblem(withCode('42P01', 'relation does not exist'))).toMatchObject({ status: 500 });
    expect(isFailure(toProblem(withCode('57P01')))).toBe(true);
  });

  it('carries a rejection’s own code, bilingual message and field', () => {
    const rejection = reject(
      'VisitInTheFuture',
      { vi: 'Không thể ở tương lai.', en: 'Cannot be in the future.' },
      'occurredAt',
    );
    expect(toProblem(new RejectedCommandError(rejection))).toEqual({
      type: 'urn:cnscd:problem:VisitInTheFuture',
      title: 'Không thể ở tương lai. / Cannot be in the future.',
      status: 422,
      code: 'VisitInTheFuture',
      errors: [{ pointer: '#/occurredAt', detail: 'Không thể ở tương lai.' }],
    });
  });
});

describe('validating input', () => {
  const schema = z.strictObject({ village: z.string().max(5), items: z.array(z.number()) });

  it('names each field at fault by JSON pointer, unexpected fields included, in Vietnamese then English', () => {
    try {
      parseInput(schema, { village: 'thon-dai-qua', items: [1, 'x'], cccd: '079203001234' });
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(InputValidationError);
      const errors = (err as InputValidationError).errors;
      expect(errors.map((e) => e.pointer)).toEqual(['#/village', '#/items/1', '#/cccd']);
      expect(errors[0]!.detail).toMatch(/^Quá lớn.* \/ Too big/);
      expect(JSON.stringify(errors)).not.toContain('079203001234');
    }
  });

  it('returns the parsed value when the input is valid', () => {
    expect(parseInput(schema, { village: 'a', items: [1] })).toEqual({ village: 'a', items: [1] });
  });
});

describe('credentials', () => {
  const NOW = new Date('2026-03-02T08:00:00Z');
  const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
  const COMMUNE = '99001';
  const ORG = 'to-cnscd-thon-1';
  let position = 0;

  /** An identity event as a service reads it from the stream, its data checked against the contract. */
  const recorded = <T extends IdentityEventType>(
    type: T,
    data: z.input<(typeof IdentityEvents)[T]['schema']>,
    aggregateType: string,
    aggregateId: string,
    commune = COMMUNE,
  ): RecordedEvent => {
    const commandId = randomUUID();
    return {
      eventId: randomUUID(),
      type,
      schemaVersion: IdentityEvents[type].version,
      data: IdentityEvents[type].schema.parse(data),
      stream: { commune, context: IDENTITY_CONTEXT, aggregateType, aggregateId },
      occurredAt: NOW.toISOString(),
      recordedAt: NOW.toISOString(),
      position: ++position,
      index: 0,
      metadata: {
        commandId,
        commandHash: 'test',
        actor: { organisationId: 'ubnd-xa', userId: randomUUID() },
        correlationId: commandId,
        causationId: commandId,
      },
    };
  };
  const organisationRegistered = (kind: OrganisationKind = 'village-team', commune = COMMUNE) =>
    recorded(
      'OrganisationRegistered',
      { organisationId: ORG, kind, name: 'Tổ CNSCĐ thôn 1' },
      'organisation',
      ORG,
      commune,
    );
  const apiKeyIssued = (keyId: string, key: string, scopes: Scope[] | null = null) =>
    recorded(
      'ApiKeyIssued',
      {
        organisationId: ORG,
        keyId,
        label: 'sync app',
        role: 'field-member',
        scopes,
        sha256: hashApiKey(key),
      },
      'key-ring',
      ORG,
    );
  const apiKeyRevoked = (keyId: string, effectiveAt: Date) =>
    recorded(
      'ApiKeyRevoked',
      { organisationId: ORG, keyId, effectiveAt: effectiveAt.toISOString(), replacedBy: null },
      'key-ring',
      ORG,
    );
  const userAdded = (userId: string, role: Role = 'field-member') =>
    recorded('UserAdded', { userId, organisationId: ORG, role }, 'user', userId);
  const userRoleChanged = (userId: string, role: Role) =>
    recorded('UserRoleChanged', { userId, role }, 'user', userId);
  const userDisabled = (userId: string) =>
    recorded('UserDisabled', { userId, reason: 'left the team' }, 'user', userId);
  const userEnabled = (userId: string) => recorded('UserEnabled', { userId }, 'user', userId);
  const signingKeyPublished = (key: TestSigningKey) =>
    recorded('SigningKeyPublished', key.published, 'signing-key', key.published.kid, '00000');

  const given = (...events: RecordedEvent[]) => {
    const directory = new CredentialDirectory();
    for (const event of events) directory.apply(event);
    return {
      whenAuthenticating: (credential: string | undefined, at = NOW) =>
        directory.authenticate(credential, at),
    };
  };
  const refusalOf = (attempt: Promise<unknown>): Promise<RefusalReason> =>
    attempt.then(
      () => {
        throw new Error('the credential was accepted');
      },
      (err: unknown) => {
        expect(err).toBeInstanceOf(CredentialRefused);
        return (err as CredentialRefused).reason;
      },
    );

  let signingKey: TestSigningKey;
  beforeAll(async () => {
    signingKey = await createTestSigningKey();
  });
  const tokenOf = (
    userId: string,
    { role = 'field-member' as Role, now = NOW, expiresIn = 900, by = signingKey } = {},
  ) => by.sign({ userId, commune: COMMUNE, organisationId: ORG, role }, { now, expiresIn });

  describe('an API key', () => {
    const keyId = randomUUID();
    const key = `cnscd_${randomUUID()}`;

    it('authenticates as its organisation, with its kind, role, commune and the scopes they give', async () => {
      const principal = await given(organisationRegistered(), apiKeyIssued(keyId, key)).whenAuthenticating(
        key,
      );
      expect(principal).toEqual({
        credential: 'api-key',
        actorId: keyId,
        organisationId: ORG,
        organisationKind: 'village-team',
        role: 'field-member',
        commune: COMMUNE,
        scopes: scopesOf('village-team', 'field-member'),
      });
    });

    it('issued with fewer scopes than its role allows has only those', async () => {
      expect(scopesOf('village-team', 'field-member')).toContain('outreach:visits:write');
      const principal = await given(
        organisationRegistered(),
        apiKeyIssued(keyId, key, ['outreach:visits:read']),
      ).whenAuthenticating(key);
      expect(principal.scopes).toEqual(['outreach:visits:read']);
      expect(() => requireScope(principal, 'outreach:visits:write')).toThrow(ForbiddenError);
    });

    it('nobody issued is refused as unknown, and no credential at all as missing', async () => {
      const directory = given(organisationRegistered(), apiKeyIssued(keyId, key));
      expect(await refusalOf(directory.whenAuthenticating(`${key}x`))).toBe('unknown-key');
      expect(await refusalOf(directory.whenAuthenticating(undefined))).toBe('missing');
    });

    it('works until its revocation takes effect and is refused from then on', async () => {
      const directory = given(
        organisationRegistered(),
        apiKeyIssued(keyId, key),
        apiKeyRevoked(keyId, minutes(30)),
      );
      expect((await directory.whenAuthenticating(key, minutes(29))).actorId).toBe(keyId);
      expect(await refusalOf(directory.whenAuthenticating(key, minutes(30)))).toBe('revoked-key');
      expect(await refusalOf(directory.whenAuthenticating(key, minutes(90)))).toBe('revoked-key');
    });

    it('of an organisation not registered in its commune is refused', async () => {
      const directory = given(organisationRegistered('village-team', '99002'), apiKeyIssued(keyId, key));
      expect(await refusalOf(directory.whenAuthenticating(key))).toBe('unknown-organisation');
    });
  });

  describe('an access token', () => {
    const userId = randomUUID();

    it('authenticates its user with the role they hold now, not the one it was signed with', async () => {
      const principal = await given(
        organisationRegistered(),
        signingKeyPublished(signingKey),
        userAdded(userId, 'field-member'),
        userRoleChanged(userId, 'administrator'),
      ).whenAuthenticating(await tokenOf(userId, { role: 'field-member' }));
      expect(principal).toEqual({
        credential: 'user',
        actorId: userId,
        organisationId: ORG,
        organisationKind: 'village-team',
        role: 'administrator',
        commune: COMMUNE,
        scopes: scopesOf('village-team', 'administrator'),
      });
      expect(principal.scopes).toContain('identity:members');
    });

    it('is refused once it has expired', async () => {
      const directory = given(organisationRegistered(), signingKeyPublished(signingKey), userAdded(userId));
      const token = await tokenOf(userId, { now: minutes(-20), expiresIn: 15 * 60 });
      expect((await directory.whenAuthenticating(token, minutes(-10))).actorId).toBe(userId);
      expect(await refusalOf(directory.whenAuthenticating(token, NOW))).toBe('expired-token');
    });

    it('signed with a key that was never published is refused', async () => {
      const directory = given(organisationRegistered(), signingKeyPublished(signingKey), userAdded(userId));
      const forged = await tokenOf(userId, { by: await createTestSigningKey() });
      expect(await refusalOf(directory.whenAuthenticating(forged))).toBe('bad-signature');
    });

    it('whose claims were altered after signing is refused', async () => {
      const other = randomUUID();
      const directory = given(
        organisationRegistered(),
        signingKeyPublished(signingKey),
        userAdded(userId),
        userAdded(other, 'administrator'),
      );
      const [header, payload, signature] = (await tokenOf(userId)).split('.');
      const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: other };
      const tampered = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join(
        '.',
      );
      expect(await refusalOf(directory.whenAuthenticating(tampered))).toBe('bad-signature');
    });

    it('of a disabled user is refused until the user is enabled again', async () => {
      const token = await tokenOf(userId);
      const history = [
        organisationRegistered(),
        signingKeyPublished(signingKey),
        userAdded(userId),
        userDisabled(userId),
      ];
      expect(await refusalOf(given(...history).whenAuthenticating(token))).toBe('disabled-user');
      expect((await given(...history, userEnabled(userId)).whenAuthenticating(token)).actorId).toBe(userId);
    });

    it('of a user nobody added is refused', async () => {
      const directory = given(organisationRegistered(), signingKeyPublished(signingKey));
      expect(await refusalOf(directory.whenAuthenticating(await tokenOf(userId)))).toBe('unknown-user');
    });
  });

  it('are read from a Bearer authorization or an X-Api-Key header', () => {
    expect(credentialFromHeaders({ authorization: 'Bearer a.b.c' })).toBe('a.b.c');
    expect(credentialFromHeaders({ authorization: ['bearer  abc '] })).toBe('abc');
    expect(credentialFromHeaders({ 'x-api-key': ' abc ' })).toBe('abc');
    expect(credentialFromHeaders({ authorization: 'Basic abc' })).toBeUndefined();
    expect(credentialFromHeaders({})).toBeUndefined();
  });
});
describe('W3C trace context', () => {
  it('continues the caller’s trace with a span of our own', () => {
    const { traceparent } = continueTrace(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'congo=t61rcWkgMzE',
    );
    expect(traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traceparent).not.toContain('00f067aa0ba902b7');
  });

  it('starts a new trace when the header is missing or malformed', () => {
    for (const header of [undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
      expect(continueTrace(header).traceparent).toMatch(/^00-(?!0{32})[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    }
  });

  it('gives every new trace and span an id of its own, however many are drawn', () => {
    const parents = Array.from({ length: 1000 }, () => continueTrace().traceparent.split('-'));
    expect(new Set(parents.map(([, trace]) => trace)).size).toBe(1000);
    expect(new Set(parents.map(([, , span]) => span)).size).toBe(1000);
  });
});

describe('a service on the bus', () => {
  const env = { NATS_URL: 'nats://a:4222,nats://b:4222' };

  it('connects as the user named like the service, replies on its own inbox prefix', () => {
    const options = natsConnectionOptions(loadServiceConfig('merchants', 3002, {}, env));
    expect(options).toEqual({
      servers: ['nats://a:4222', 'nats://b:4222'],
      user: 'merchants',
      pass: undefined,
      inboxPrefix: '_INBOX_merchants',
    });
  });

  it('takes another user and its password from the environment', () => {
    const config = loadServiceConfig('merchants', 3002, {}, { ...env, NATS_USER: 'm2', NATS_PASSWORD: 's' });
    expect(natsConnectionOptions(config)).toMatchObject({
      user: 'm2',
      pass: 's',
      inboxPrefix: '_INBOX_merchants',
    });
  });
});
