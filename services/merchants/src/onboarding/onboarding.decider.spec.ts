import type { Actor } from '@cnscd/contracts';
import { deciderSpec } from '@cnscd/testing';
import {
  onboardingDecider,
  type OnboardingCommand,
  type OnboardingEvent,
  type ProviderStep,
} from './onboarding.decider';

const spec = deciderSpec(onboardingDecider);
const ids = {
  onboardingId: '6f1c1f4e-3d0a-4a4b-9a57-0c6f3f2b9c11',
  merchantId: '0b6f8f3e-5a2d-4f0e-8a0b-7c2d1e4f5a6b',
  providerId: 'agribank',
};
const agribank: Actor = { organisationId: 'agribank', organisationKind: 'bank' };
const vietinbank: Actor = { organisationId: 'vietinbank', organisationKind: 'bank' };
const team: Actor = { organisationId: 'to-cnscd-thon-1', organisationKind: 'village-team' };
const step = (
  s: ProviderStep,
  by = agribank,
  occurredAt = '2026-03-02T09:00:00+07:00',
): OnboardingCommand => ({
  type: 'RecordOnboardingStep',
  step: s,
  by,
  occurredAt,
  ...ids,
});
const verify = (by: typeof team): OnboardingCommand => ({ type: 'VerifyQrCode', by, ...ids });
const issued: OnboardingEvent[] = [
  { type: 'MerchantContacted', data: ids },
  { type: 'PaymentAccountOpened', data: ids },
  { type: 'QrCodeIssued', data: ids },
];

describe('QR-payment onboarding', () => {
  it('moves through the provider’s steps, a step already reached changing nothing', () => {
    spec.given([]).when(step('contacted')).then([issued[0]!]);
    spec.given(issued).when(step('account-opened')).then([]);
  });

  it('records a lower step that happened before a higher one already recorded (a backlog arriving late)', () => {
    const june = '2025-06-01T09:00:00+07:00';
    const march = '2025-03-01T09:00:00+07:00';
    const opened: OnboardingEvent = { type: 'PaymentAccountOpened', data: ids, occurredAt: june };
    spec
      .given([opened])
      .when(step('contacted', agribank, march))
      .then([{ type: 'MerchantContacted', data: ids }]);
    spec
      .given([opened])
      .when(step('contacted', agribank, june))
      .then([]);
    // A late lower step leaves the onboarding where it stands.
    const state = [
      opened,
      { type: 'MerchantContacted', data: ids, occurredAt: march } as OnboardingEvent,
    ].reduce(onboardingDecider.evolve, onboardingDecider.initialState());
    expect(state.stage).toBe('account-opened');
  });

  it('refuses a bank acting on another bank’s onboarding', () => {
    spec.given(issued).when(step('active', vietinbank)).thenRejects('NotPartyToOnboarding');
    spec.given(issued).when(verify(vietinbank)).thenRejects('NotPartyToOnboarding');
  });

  it('lets the commune’s people verify a posted QR code, but not before one was issued', () => {
    spec
      .given(issued)
      .when(verify(team))
      .then([
        {
          type: 'QrCodeVerified',
          data: { ...ids, verifiedBy: team.organisationId, verifierKind: 'village-team' },
        },
      ]);
    spec.given(issued.slice(0, 2)).when(verify(team)).thenRejects('QrNotIssued');
  });

  it('starts over after a withdrawal', () => {
    const withdrawn: OnboardingEvent = {
      type: 'QrCodeWithdrawn',
      data: { ...ids, reason: 'merchant-request', note: null },
    };
    spec
      .given(issued)
      .when({ type: 'WithdrawQrCode', reason: 'merchant-request', note: null, by: agribank, ...ids })
      .then([withdrawn]);
    spec
      .given([...issued, withdrawn])
      .when(verify(team))
      .thenRejects('QrNotIssued');
    spec
      .given([...issued, withdrawn])
      .when(step('qr-issued'))
      .then([{ type: 'QrCodeIssued', data: ids }]);
  });
});
