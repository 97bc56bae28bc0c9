import { MERCHANTS } from '../../api-tags';
import { z } from 'zod';
import { Day } from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { base, common } from '../merchant-write-parts';

export const CloseMerchantRequest = z
  .strictObject({ ...base, closedOn: Day })
  .meta({ id: 'CloseMerchantRequest' });

export const closeMerchant = deciderOperation({
  ...common,
  kind: 'close-merchant',
  scope: 'merchants:write',
  input: CloseMerchantRequest,
  http: {
    path: 'merchants/closures',
    tag: MERCHANTS,
    summary: 'Đóng cửa / Close a merchant',
    description: 'Không còn được tính từ ngày đóng cửa. Leaves the denominator from the closing date.',
  },
  command: ({ merchantId, closedOn }) => ({ type: 'CloseMerchant' as const, merchantId, closedOn }),
});
