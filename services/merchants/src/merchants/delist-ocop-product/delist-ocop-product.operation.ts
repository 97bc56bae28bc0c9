import { OCOP } from '../../api-tags';
import { z } from 'zod';
import { Day, EntityId } from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { base, common, Platform } from '../merchant-write-parts';

export const DelistOcopProductRequest = z
  .strictObject({ ...base, productId: EntityId, platform: Platform, delistedOn: Day })
  .meta({ id: 'DelistOcopProductRequest' });

export const delistOcopProduct = deciderOperation({
  ...common,
  kind: 'delist-ocop-product',
  scope: 'merchants:write',
  input: DelistOcopProductRequest,
  http: {
    path: 'ocop/delistings',
    tag: OCOP,
    summary: 'Gỡ sản phẩm khỏi sàn / Delist a product',
    description: 'Sản phẩm không còn trên sàn. No longer listed.',
  },
  command: ({ merchantId, productId, platform, delistedOn }) => ({
    type: 'DelistOcopProduct' as const,
    merchantId,
    productId,
    platform,
    delistedOn,
  }),
});
