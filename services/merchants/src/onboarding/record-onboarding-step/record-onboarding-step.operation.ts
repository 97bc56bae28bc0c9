import { QR } from '../../api-tags';
import { z } from 'zod';
import { actorOf, deciderOperation } from '@cnscd/service-kit';
import { base, idsOf, common } from '../onboarding-write-parts';

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
    by: actorOf(principal),
    occurredAt: input.occurredAt,
    ...idsOf(input, principal),
  }),
});
