import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import {
  scopesOf,
  type ApiKeyIssuedData,
  type ApiKeyRevokedData,
  type OrganisationKind,
} from '@cnscd/contracts';

export type KeyRingEvent =
  DomainEvent<'ApiKeyIssued', ApiKeyIssuedData> | DomainEvent<'ApiKeyRevoked', ApiKeyRevokedData>;

export type KeyRingCommand =
  /** `organisationKind`: of the organisation the key is for; its role's scopes bound the key's. */
  | ({ type: 'IssueKey'; organisationKind: OrganisationKind } & ApiKeyIssuedData)
  | { type: 'RevokeKey'; organisationId: string; keyId: string; now: string }
  /** A new key like the old one; the old one keeps working until `oldValidUntil` (a grace period for the partner's deployment). */
  | {
      type: 'RotateKey';
      organisationId: string;
      keyId: string;
      newKeyId: string;
      sha256: string;
      oldValidUntil: string;
    };

interface KeyState {
  readonly label: string;
  readonly role: ApiKeyIssuedData['role'];
  readonly scopes: ApiKeyIssuedData['scopes'];
  readonly revokedFrom: string | null;
}
/** One organisation's API keys: rotating replaces one key by another in a single commit. */
export type KeyRingState = { readonly keys: Readonly<Record<string, KeyState>> };
export type KeyRingRejection = Rejection<'ApiKeyNotFound' | 'ApiKeyRevoked' | 'ScopeBeyondRole'>;

export function evolve(state: KeyRingState, event: KeyRingEvent): KeyRingState {
  if (event.type === 'ApiKeyIssued') {
    const { keyId, label, role, scopes } = event.data;
    return { keys: { ...state.keys, [keyId]: { label, role, scopes, revokedFrom: null } } };
  }
  const key = state.keys[event.data.keyId];
  return key
    ? { keys: { ...state.keys, [event.data.keyId]: { ...key, revokedFrom: event.data.effectiveAt } } }
    : state;
}

const notFound = reject('ApiKeyNotFound', { vi: 'Không có khóa này.', en: 'No such API key.' }, 'keyId');
const revoked = reject(
  'ApiKeyRevoked',
  { vi: 'Khóa này đã bị thu hồi.', en: 'This key is revoked.' },
  'keyId',
);

export function decide(command: KeyRingCommand, state: KeyRingState): KeyRingEvent[] | KeyRingRejection {
  switch (command.type) {
    case 'IssueKey': {
      if (state.keys[command.keyId]) return [];
      const { type: _t, organisationKind: kind, ...data } = command;
      const allowed = scopesOf(kind, data.role);
      const beyond = (data.scopes ?? []).filter((s) => !allowed.includes(s));
      if (beyond.length > 0)
        return reject(
          'ScopeBeyondRole',
          {
            vi: `Vai trò này của loại đơn vị này không có quyền: ${beyond.join(', ')}`,
            en: `A ${data.role} of a ${kind} may not have: ${beyond.join(', ')}`,
          },
          'scopes',
        );
      return [{ type: 'ApiKeyIssued', data }];
    }
    case 'RevokeKey': {
      const key = state.keys[command.keyId];
      if (!key) return notFound;
      if (key.revokedFrom !== null && key.revokedFrom <= command.now) return [];
      const { organisationId, keyId, now } = command;
      return [{ type: 'ApiKeyRevoked', data: { organisationId, keyId, effectiveAt: now, replacedBy: null } }];
    }
    case 'RotateKey': {
      const key = state.keys[command.keyId];
      if (!key) return notFound;
      if (key.revokedFrom !== null) return revoked;
      const { organisationId, keyId, newKeyId, sha256, oldValidUntil } = command;
      return [
        {
          type: 'ApiKeyIssued',
          data: {
            organisationId,
            keyId: newKeyId,
            label: key.label,
            role: key.role,
            scopes: key.scopes,
            sha256,
          },
        },
        {
          type: 'ApiKeyRevoked',
          data: { organisationId, keyId, effectiveAt: oldValidUntil, replacedBy: newKeyId },
        },
      ];
    }
  }
}

export const keyRingDecider: Decider<KeyRingCommand, KeyRingState, KeyRingEvent> = {
  initialState: () => ({ keys: {} }),
  evolve,
  decide,
};
