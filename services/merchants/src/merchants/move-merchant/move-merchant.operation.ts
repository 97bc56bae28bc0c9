import { MERCHANTS } from '../../api-tags';
import { z } from 'zod';
import { Day } from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { base, where, common } from '../merchant-write-parts';

export const MoveMerchantRequest = z
  .strictObject({ ...base, ...where, effectiveDate: Day })
  .meta({ id: 'MoveMerchantRequest' });

export const moveMerchant = deciderOperation({
  ...common,
  kind: 'move-merchant',
  scope: 'merchants:write',
  input: MoveMerchantRequest,
  http: {
    path: 'merchants/moves',
    tag: MERCHANTS,
    summary: 'Chuyển địa điểm / Move a merchant',
    description:
      'Thôn, tuyến đường, chợ, sạp mới từ ngày hiệu lực. New village, street, market or stall from the effective date.',
  },
  command: ({ commandId: _c, occurredAt: _o, ...data }) => ({ type: 'MoveMerchant' as const, ...data }),
});
