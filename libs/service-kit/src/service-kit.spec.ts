// Imports file by file: the package index also loads Nest, whose ES modules Jest cannot require.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { scopesOf } from '@cnscd/contracts';
import { reject } from '@cnscd/decider';
import { CommandIdConflictError, WrongExpectedRevisionError } from '@cnscd/event-store';
import { ApiKeyRegistry, apiKeyFromHeaders, hashApiKey, requireScope } from './auth/api-keys';
import {
  AuthenticationError,
  ForbiddenError,
  InputValidationError,
  RejectedCommandError,
  toProblem,
} from './problem-details';
import { continueTrace } from './trace-context';
import { loadServiceConfig, natsConnectionOptions } from './service/service-config';
import { parseInput } from './zod-input';

describe('problem details', () => {
  it.each([
    [new InputValidationError([{ pointer: '#/topics', detail: 'x' }]), 400, 'invalid-input'],
    [new AuthenticationError(), 401, 'unauthenticated'],
    [new ForbiddenError('outreach:visits:write'), 403, 'forbidden'],
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

describe('API keys', () => {
  const registry = new ApiKeyRegistry([
    {
      id: 'k1',
      organisationId: 'to-cnscd-thon-1',
      organisationKind: 'village-team',
      role: 'field-member',
      commune: '99001',
      scopes: ['outreach:visits:read'],
      sha256: hashApiKey('secret-1'),
    },
    {
      id: 'k2',
      organisationId: 'agribank-di-linh',
      organisationKind: 'bank',
      role: 'partner-officer',
      commune: '99001',
      sha256: hashApiKey('secret-2'),
    },
  ]);

  it('authenticate by the hash of the key and carry the organisation, role and commune', () => {
    expect(registry.authenticate('secret-1')).toEqual({
      keyId: 'k1',
      organisationId: 'to-cnscd-thon-1',
      organisationKind: 'village-team',
      role: 'field-member',
      commune: '99001',
      scopes: ['outreach:visits:read'],
    });
  });

  it('take their scopes from the permission model when the key names none', () => {
    expect(registry.authenticate('secret-2').scopes).toEqual(scopesOf('bank', 'partner-officer'));
  });

  it('refuse a missing or unknown key, and a scope the key lacks', () => {
    expect(() => registry.authenticate(undefined)).toThrow(AuthenticationError);
    expect(() => registry.authenticate('secret-3')).toThrow(AuthenticationError);
    expect(() => requireScope(registry.authenticate('secret-1'), 'outreach:visits:write')).toThrow(
      ForbiddenError,
    );
  });

  it('refuse to load a key file that gives a key more than its role allows', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cnscd-keys-')), 'keys.json');
    const entry = {
      id: 'bank-1',
      organisationId: 'agribank-di-linh',
      organisationKind: 'bank',
      role: 'partner-officer',
      commune: '99001',
      scopes: ['merchants:onboarding', 'merchants:places'],
      sha256: hashApiKey('x'),
    };
    writeFileSync(path, JSON.stringify({ keys: [entry] }));
    expect(() => ApiKeyRegistry.fromFile(path)).toThrow(
      'key bank-1: a partner-officer of a bank may not have merchants:places',
    );
    writeFileSync(path, JSON.stringify({ keys: [{ ...entry, scopes: ['merchants:onboarding'] }] }));
    expect(ApiKeyRegistry.fromFile(path).authenticate('x').scopes).toEqual(['merchants:onboarding']);
  });

  it('are read from a Bearer authorization or an X-Api-Key header', () => {
    expect(apiKeyFromHeaders({ authorization: 'Bearer abc' })).toBe('abc');
    expect(apiKeyFromHeaders({ 'x-api-key': ' abc ' })).toBe('abc');
    expect(apiKeyFromHeaders({ authorization: 'Basic abc' })).toBeUndefined();
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
});

describe('a service on the bus', () => {
  const env = { API_KEYS_FILE: '/tmp/keys.json', NATS_URL: 'nats://a:4222,nats://b:4222' };

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
