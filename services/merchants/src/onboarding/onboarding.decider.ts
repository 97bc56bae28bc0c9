import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import {
  vietnamDay,
  type OnboardingData,
  type OnboardingStage,
  type QrCodeVerifiedData,
  type QrCodeWithdrawnData,
  COMMUNE_OFFICES,
  type Actor,
  ONBOARDING_STAGE_OF,
  onboardingRank,
} from '@cnscd/contracts';
import { PAYMENT_PROVIDERS, QR_VERIFIERS } from './commune-roles';

export { ONBOARDING_STAGES, type OnboardingStage } from '@cnscd/contracts';
export type ProviderStep = Exclude<OnboardingStage, 'qr-verified'>;

export type OnboardingEvent =
  | DomainEvent<'MerchantContacted', OnboardingData>
  | DomainEvent<'PaymentAccountOpened', OnboardingData>
  | DomainEvent<'QrCodeIssued', OnboardingData>
  | DomainEvent<'QrCodeVerified', QrCodeVerifiedData>
  | DomainEvent<'QrPaymentsActive', OnboardingData>
  | DomainEvent<'QrCodeWithdrawn', QrCodeWithdrawnData>;

const EVENT_OF: Record<
  ProviderStep,
  'MerchantContacted' | 'PaymentAccountOpened' | 'QrCodeIssued' | 'QrPaymentsActive'
> = {
  contacted: 'MerchantContacted',
  'account-opened': 'PaymentAccountOpened',
  'qr-issued': 'QrCodeIssued',
  active: 'QrPaymentsActive',
};
/** The stage each onboarding event leaves the onboarding at (shared with the read models). */
export const STAGE_OF: Record<OnboardingEvent['type'], OnboardingStage | 'withdrawn'> = ONBOARDING_STAGE_OF;

type Ids = OnboardingData;
export type OnboardingCommand =
  | ({ type: 'RecordOnboardingStep'; step: ProviderStep; by: Actor; occurredAt: string } & Ids)
  | ({ type: 'VerifyQrCode'; by: Actor } & Ids)
  | ({ type: 'WithdrawQrCode'; reason: QrCodeWithdrawnData['reason']; note: string | null; by: Actor } & Ids);

export interface OnboardingState {
  /** The highest stage reached since the last withdrawal, or `withdrawn`, or null (nothing yet). */
  readonly stage: OnboardingStage | 'withdrawn' | null;
  /** Each stage reached since the last withdrawal and the day (Vietnam) it occurred ('' if unknown). */
  readonly steps: readonly { readonly stage: OnboardingStage; readonly day: string }[];
}

export const rankOf: (stage: OnboardingStage | 'withdrawn' | null) => number = onboardingRank;

export type OnboardingRejection = Rejection<'NotPartyToOnboarding' | 'QrNotIssued' | 'NothingToWithdraw'>;

const notParty = () =>
  reject('NotPartyToOnboarding', {
    vi: 'Tổ chức của bạn không phải bên tham gia hồ sơ mở QR này.',
    en: 'Your organisation is not party to this QR onboarding.',
  });
const notIssued = () =>
  reject('QrNotIssued', { vi: 'Mã QR chưa được cấp.', en: 'No QR code has been issued yet.' });

/** The provider named in the onboarding, and only that one, acts on it as a provider. */
const isProvider = (by: Actor, ids: Ids) =>
  PAYMENT_PROVIDERS.includes(by.organisationKind) && by.organisationId === ids.providerId;

export function decide(
  command: OnboardingCommand,
  state: OnboardingState,
): OnboardingEvent[] | OnboardingRejection {
  const ids: Ids = {
    onboardingId: command.onboardingId,
    merchantId: command.merchantId,
    providerId: command.providerId,
  };
  switch (command.type) {
    case 'RecordOnboardingStep': {
      if (!isProvider(command.by, ids)) return notParty();
      if (command.step === 'active' && rankOf(state.stage) < rankOf('qr-issued')) return notIssued();
      // A step already reached on or before this one's own day is accepted and changes nothing (resends,
      // two staff, two systems); a lower step that happened earlier, arriving late, is recorded (issue 21).
      const day = vietnamDay(command.occurredAt);
      const reached = Math.max(-1, ...state.steps.filter((s) => s.day <= day).map((s) => rankOf(s.stage)));
      if (reached >= rankOf(command.step)) return [];
      return [{ type: EVENT_OF[command.step], data: ids }];
    }
    case 'VerifyQrCode':
      if (!isProvider(command.by, ids) && !QR_VERIFIERS.includes(command.by.organisationKind))
        return notParty();
      if (rankOf(state.stage) < rankOf('qr-issued')) return notIssued();
      if (rankOf(state.stage) >= rankOf('qr-verified')) return [];
      return [
        {
          type: 'QrCodeVerified',
          data: { ...ids, verifiedBy: command.by.organisationId, verifierKind: command.by.organisationKind },
        },
      ];
    case 'WithdrawQrCode':
      if (!isProvider(command.by, ids) && !COMMUNE_OFFICES.includes(command.by.organisationKind))
        return notParty();
      if (rankOf(state.stage) < rankOf('qr-issued'))
        return reject('NothingToWithdraw', {
          vi: 'Không có mã QR nào để thu hồi.',
          en: 'There is no QR code to withdraw.',
        });
      return [{ type: 'QrCodeWithdrawn', data: { ...ids, reason: command.reason, note: command.note } }];
  }
}

export function evolve(state: OnboardingState, event: OnboardingEvent): OnboardingState {
  const stage = STAGE_OF[event.type];
  if (stage === 'withdrawn') return { stage, steps: [] };
  const steps = [...state.steps, { stage, day: event.occurredAt ? vietnamDay(event.occurredAt) : '' }];
  const highest = steps.reduce(
    (best, s) => (rankOf(s.stage) > rankOf(best) ? s.stage : best),
    steps[0]!.stage,
  );
  return { stage: highest, steps };
}

export const onboardingDecider: Decider<OnboardingCommand, OnboardingState, OnboardingEvent> = {
  initialState: () => ({ stage: null, steps: [] }),
  evolve,
  decide,
};
