import { MERCHANTS } from '../../api-tags';
import { z } from 'zod';
import { Day } from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { base, common } from '../merchant-write-parts';

export const ReopenMerchantRequest = z
  .strictObject({ ...base, reopenedOn: Day })
  .meta({ id: 'ReopenMerchantRequest' });

export const reopenMerchant = deciderOperation({
  ...common,
  kind: 'reopen-merchant',
  scope: 'merchants:write',
  input: ReopenMerchantRequest,
  http: {
    path: 'merchants/reopenings',
    tag: MERCHANTS,
    summary: 'Mở cửa lại / Reopen a merchant',
    description: 'Được tính lại từ ngày mở cửa lại. Counts again from the reopening date.',
  },
  command: ({ merchantId, reopenedOn }) => ({ type: 'ReopenMerchant' as const, merchantId, reopenedOn }),
});
