import { deciderSpec } from '@cnscd/testing';
import { keyRingDecider, type KeyRingEvent } from './key-ring.decider';

const spec = deciderSpec(keyRingDecider);
const ORG = 'agribank';
const OLD = '6f1c1f4e-3d0a-4a4b-9a57-0c6f3f2b9c11';
const NEW = '0b6f8f3e-5a2d-4f0e-8a0b-7c2d1e4f5a6b';
const issued: KeyRingEvent = {
  type: 'ApiKeyIssued',
  data: {
    organisationId: ORG,
    keyId: OLD,
    label: 'QR',
    role: 'partner-officer',
    scopes: ['merchants:onboarding'],
    sha256: 'a'.repeat(64),
  },
};
const revokedAt = (effectiveAt: string): KeyRingEvent => ({
  type: 'ApiKeyRevoked',
  data: { organisationId: ORG, keyId: OLD, effectiveAt, replacedBy: null },
});
const rotate = {
  type: 'RotateKey' as const,
  organisationId: ORG,
  keyId: OLD,
  newKeyId: NEW,
  sha256: 'b'.repeat(64),
  oldValidUntil: '2026-03-03T00:00:00.000Z',
};

describe('an organisation’s API keys', () => {
  it('rotating issues a key like the old one and schedules the old one’s end in the same commit', () => {
    spec
      .given([issued])
      .when(rotate)
      .then([
        {
          type: 'ApiKeyIssued',
          data: { ...issued.data, keyId: NEW, sha256: 'b'.repeat(64) } as never,
        },
        {
          type: 'ApiKeyRevoked',
          data: { organisationId: ORG, keyId: OLD, effectiveAt: rotate.oldValidUntil, replacedBy: NEW },
        },
      ]);
  });

  it('refuses to rotate a revoked key or one that does not exist', () => {
    spec
      .given([issued, revokedAt('2026-03-01T00:00:00.000Z')])
      .when(rotate)
      .thenRejects('ApiKeyRevoked', 'keyId');
    spec.given([]).when(rotate).thenRejects('ApiKeyNotFound', 'keyId');
  });

  it('revoking a key in its grace period ends it now; revoking it again changes nothing', () => {
    const now = '2026-03-02T00:00:00.000Z';
    const revoke = { type: 'RevokeKey' as const, organisationId: ORG, keyId: OLD, now };
    spec
      .given([issued, revokedAt('2026-03-05T00:00:00.000Z')])
      .when(revoke)
      .then([revokedAt(now)]);
    spec
      .given([issued, revokedAt(now)])
      .when(revoke)
      .then([]);
  });

  it('issuing the same key id twice records it once', () => {
    spec
      .given([issued])
      .when({ type: 'IssueKey', organisationKind: 'bank', ...issued.data })
      .then([]);
  });

  it('refuses a key with more scopes than its role has in its kind of organisation, naming them', () => {
    const key = { ...issued.data, keyId: 'k-2', role: 'partner-officer' as const };
    spec
      .given([])
      .when({ type: 'IssueKey', organisationKind: 'bank', ...key, scopes: ['merchants:onboarding'] })
      .then([{ type: 'ApiKeyIssued', data: { ...key, scopes: ['merchants:onboarding'] } }]);
    spec
      .given([])
      .when({ type: 'IssueKey', organisationKind: 'bank', ...key, scopes: ['indicators:configure'] })
      .thenRejects('ScopeBeyondRole', 'scopes');
  });
});
