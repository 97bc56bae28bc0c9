import { COMMAND_FIELDS } from '@cnscd/service-kit';
import { z } from 'zod';
import {
  BusinessName,
  containsIdLikeNumber,
  Day,
  EntityId,
  MERCHANT_KINDS,
  VillageCode,
} from '@cnscd/contracts';
import { MERCHANTS_PROJECTION } from '../infrastructure/tokens';
import { merchantDecider } from './merchant.decider';

export const base = { ...COMMAND_FIELDS, merchantId: EntityId };

export const Stall = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,20}$/)
  .refine((s) => !containsIdLikeNumber(s));

export const where = {
  villageCode: VillageCode,
  streetId: EntityId.nullable().default(null),
  marketId: EntityId.nullable().default(null),
  stall: Stall.nullable().default(null),
};

export const common = {
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

export const Platform = z.string().regex(/^[a-z0-9-]{2,40}$/, {
  error: 'Mã sàn, ví dụ shopee, postmart, lazada / Platform code, e.g. shopee',
});
