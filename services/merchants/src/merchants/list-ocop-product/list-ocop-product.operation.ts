import { OCOP } from '../../api-tags';
import { z } from 'zod';
import { Day, EntityId } from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { base, common, Platform } from '../merchant-write-parts';

export const ListOcopProductRequest = z
  .strictObject({ ...base, productId: EntityId, platform: Platform, listedOn: Day })
  .meta({ id: 'ListOcopProductRequest' });

export const listOcopProduct = deciderOperation({
  ...common,
  kind: 'list-ocop-product',
  scope: 'merchants:write',
  input: ListOcopProductRequest,
  http: {
    path: 'ocop/listings',
    tag: OCOP,
    summary: 'Đưa sản phẩm lên sàn / List a product on a platform',
    description: 'Sàn: shopee, lazada, postmart, tiki, … Platform codes.',
  },
  command: ({ merchantId, productId, platform, listedOn }) => ({
    type: 'ListOcopProduct' as const,
    merchantId,
    productId,
    platform,
    listedOn,
  }),
});
