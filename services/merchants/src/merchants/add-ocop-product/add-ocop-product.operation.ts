import { OCOP } from '../../api-tags';
import { z } from 'zod';
import { containsIdLikeNumber, EntityId } from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { base, common } from '../merchant-write-parts';

export const AddOcopProductRequest = z
  .strictObject({
    ...base,
    productId: EntityId,
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .refine((s) => !containsIdLikeNumber(s)),
    stars: z.number().int().min(3).max(5),
  })
  .meta({ id: 'AddOcopProductRequest' });

export const addOcopProduct = deciderOperation({
  ...common,
  kind: 'add-ocop-product',
  scope: 'merchants:write',
  input: AddOcopProductRequest,
  http: {
    path: 'ocop/products',
    tag: OCOP,
    summary: 'Khai báo sản phẩm OCOP / Declare an OCOP product',
    description: 'Sản phẩm của một cơ sở, số sao OCOP. A merchant’s product and its OCOP stars.',
  },
  command: ({ merchantId, productId, name, stars }) => ({
    type: 'AddOcopProduct' as const,
    merchantId,
    productId,
    name,
    stars,
  }),
});
