import { MERCHANTS, OCOP } from '../api-tags';
import { z } from 'zod';
import {
  BusinessName,
  containsIdLikeNumber,
  Day,
  EntityId,
  MERCHANT_KINDS,
  OccurredAt,
  VillageCode,
} from '@cnscd/contracts';
import { deciderOperation } from '@cnscd/service-kit';
import { MERCHANTS_PROJECTION } from '../tokens';
import { merchantDecider } from './merchant.decider';

const base = { commandId: EntityId, occurredAt: OccurredAt, merchantId: EntityId };
const Stall = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,20}$/)
  .refine((s) => !containsIdLikeNumber(s));
const where = {
  villageCode: VillageCode,
  streetId: EntityId.nullable().default(null),
  marketId: EntityId.nullable().default(null),
  stall: Stall.nullable().default(null),
};
const common = {
  aggregateType: 'merchant',
  aggregateId: (input: { merchantId: string }) => input.merchantId,
  decider: merchantDecider,
  result: (input: { merchantId: string }) => ({ merchantId: input.merchantId }),
  projection: MERCHANTS_PROJECTION,
} as const;

export const RegisterMerchantRequest = z
  .strictObject({
    ...base,
    kind: z.enum(MERCHANT_KINDS),
    businessName: BusinessName,
    ...where,
    sector: z
      .string()
      .trim()
      .max(60)
      .refine((s) => !containsIdLikeNumber(s))
      .nullable()
      .default(null),
    openedOn: Day,
  })
  .meta({ id: 'RegisterMerchantRequest' });

export const registerMerchant = deciderOperation({
  ...common,
  kind: 'register-merchant',
  scope: 'merchants:write',
  input: RegisterMerchantRequest,
  http: {
    path: 'merchants',
    tag: MERCHANTS,
    summary: 'Đăng ký cơ sở kinh doanh / Register a merchant',
    description:
      'Không cần thông tin cá nhân của chủ cơ sở. Owners’ personal data is not needed and not kept. `merchantId` is made by the caller.',
    location: (r: Record<string, unknown>) => `/v1/merchants/${r['merchantId']}`,
  },
  command: ({ commandId: _c, occurredAt: _o, ...data }) => ({ type: 'RegisterMerchant' as const, ...data }),
});

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

const Platform = z.string().regex(/^[a-z0-9-]{2,40}$/, {
  error: 'Mã sàn, ví dụ shopee, postmart, lazada / Platform code, e.g. shopee',
});
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
