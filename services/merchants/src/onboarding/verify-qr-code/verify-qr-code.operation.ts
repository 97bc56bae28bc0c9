import { QR } from '../../api-tags';
import { z } from 'zod';
import { actorOf, deciderOperation } from '@cnscd/service-kit';
import { base, idsOf, common } from '../onboarding-write-parts';

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
    by: actorOf(principal),
    ...idsOf(input, principal),
  }),
});
