import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import type { MerchantsDatabase } from '../infrastructure/read-model';

type Db = ReadModelDatabase<MerchantsDatabase>;

// ── OCOP products and where they are sold online ────────────────────────────────────────────────
export const OcopParams = z.strictObject({ online: z.enum(['true', 'false']).optional() });
export const OcopProductView = z
  .object({
    productId: EntityId,
    name: z.string(),
    stars: z.number().int(),
    merchantId: EntityId,
    businessName: z.string(),
    villageCode: z.string(),
    platforms: z.array(z.string()),
  })
  .meta({ id: 'OcopProduct' });
export type OcopProductView = z.output<typeof OcopProductView>;

/** What the read is asked. */
export class OcopProductsQuery {
  constructor(
    readonly commune: string,
    readonly online?: boolean,
  ) {}
}

@Injectable()
export class OcopProductsHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: Db) {}

  async execute({ commune, online }: OcopProductsQuery): Promise<OcopProductView[]> {
    const products = await this.rm.db
      .selectFrom('ocop_products as p')
      .innerJoin('merchants as m', (j) =>
        j.onRef('m.commune', '=', 'p.commune').onRef('m.merchant_id', '=', 'p.merchant_id'),
      )
      .select(['p.product_id', 'p.name', 'p.stars', 'p.merchant_id', 'm.business_name', 'm.village_code'])
      .where('p.commune', '=', commune)
      .orderBy('m.village_code')
      .orderBy('p.name')
      .execute();
    const listings = await this.rm.db
      .selectFrom('ocop_listings')
      .select(['product_id', 'platform'])
      .where('commune', '=', commune)
      .where('delisted_on', 'is', null)
      .execute();
    return products
      .map((p) => ({
        productId: p.product_id,
        name: p.name,
        stars: p.stars,
        merchantId: p.merchant_id,
        businessName: p.business_name,
        villageCode: p.village_code,
        platforms: listings.filter((l) => l.product_id === p.product_id).map((l) => l.platform),
      }))
      .filter((p) => online === undefined || p.platforms.length > 0 === online);
  }
}
