import { QR } from '../api-tags';
import { z } from 'zod';
import { EntityId, OccurredAt, ShortNote } from '@cnscd/contracts';
import { deterministicUuid } from '@cnscd/event-store';
import { actorOf, deciderOperation, type Principal } from '@cnscd/service-kit';
import { MERCHANTS_PROJECTION } from '../tokens';
import { onboardingDecider } from './onboarding.decider';

/** One onboarding per merchant and payment provider; a provider posting for itself may omit `providerId`. */
const base = {
  commandId: EntityId,
  occurredAt: OccurredAt,
  merchantId: EntityId,
  providerId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
};
type Base = { merchantId: string; providerId?: string };
const providerOf = (input: Base, principal: Principal) => input.providerId ?? principal.organisationId;
const idsOf = (input: Base, principal: Principal) => {
  const providerId = providerOf(input, principal);
  return {
    onboardingId: deterministicUuid('onboarding', principal.commune, input.merchantId, providerId),
    merchantId: input.merchantId,
    providerId,
  };
};
const by = actorOf;
const common = {
  aggregateType: 'onboarding',
  aggregateId: (input: Base, principal: Principal) => idsOf(input, principal).onboardingId,
  decider: onboardingDecider,
  result: (input: Base, onboardingId: string) => ({ onboardingId, merchantId: input.merchantId }),
  projection: MERCHANTS_PROJECTION,
} as const;

export const RecordOnboardingStepRequest = z
  .strictObject({ ...base, step: z.enum(['contacted', 'account-opened', 'qr-issued', 'active']) })
  .meta({ id: 'RecordOnboardingStepRequest' });
export const recordOnboardingStep = deciderOperation({
  ...common,
  kind: 'record-onboarding-step',
  scope: 'merchants:onboarding',
  input: RecordOnboardingStepRequest,
  http: {
    path: 'onboarding/steps',
    tag: QR,
    summary: 'Ghi nhận một bước mở thanh toán QR / Record a QR onboarding step',
    description:
      'Chỉ ngân hàng/tổ chức thanh toán của hồ sơ này. Only the bank or payment provider the onboarding belongs to; a provider posting for itself may omit `providerId`.',
  },
  command: (input, principal) => ({
    type: 'RecordOnboardingStep' as const,
    step: input.step,
    by: by(principal),
    occurredAt: input.occurredAt,
    ...idsOf(input, principal),
  }),
});

export const VerifyQrCodeRequest = z
  .strictObject({
    ...base,
    providerId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .optional(),
  })
  .meta({ id: 'VerifyQrCodeRequest' });
export const verifyQrCode = deciderOperation({
  ...common,
  kind: 'verify-qr-code',
  scope: 'merchants:onboarding',
  input: VerifyQrCodeRequest,
  http: {
    path: 'onboarding/verifications',
    tag: QR,
    summary: 'Xác nhận mã QR đã niêm yết / Verify a posted QR code',
    description:
      'Xã (UBND, các phòng, Tổ CNSCĐ) xác nhận mọi hồ sơ; ngân hàng chỉ hồ sơ của mình. The commune verifies any; a bank only its own.',
  },
  command: (input, principal) => ({
    type: 'VerifyQrCode' as const,
    by: by(principal),
    ...idsOf(input, principal),
  }),
});

export const WithdrawQrCodeRequest = z
  .strictObject({
    ...base,
    reason: z.enum(['merchant-request', 'provider-decision', 'merchant-closed', 'other']),
    note: ShortNote.nullable().default(null),
  })
  .meta({ id: 'WithdrawQrCodeRequest' });
export const withdrawQrCode = deciderOperation({
  ...common,
  kind: 'withdraw-qr-code',
  scope: 'merchants:onboarding',
  input: WithdrawQrCodeRequest,
  http: {
    path: 'onboarding/withdrawals',
    tag: QR,
    summary: 'Thu hồi mã QR / Withdraw a QR code',
    description: 'Hồ sơ bắt đầu lại. The onboarding starts over.',
  },
  command: (input, principal) => ({
    type: 'WithdrawQrCode' as const,
    reason: input.reason,
    note: input.note,
    by: by(principal),
    ...idsOf(input, principal),
  }),
});
