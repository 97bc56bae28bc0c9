import { QR } from '../../api-tags';
import { z } from 'zod';
import { ShortNote } from '@cnscd/contracts';
import { actorOf, deciderOperation } from '@cnscd/service-kit';
import { base, idsOf, common } from '../onboarding-write-parts';

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
    by: actorOf(principal),
    ...idsOf(input, principal),
  }),
});
