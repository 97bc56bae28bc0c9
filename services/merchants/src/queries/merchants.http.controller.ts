import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { CurrentPrincipal, READ_MODEL, RequireScope, parseInput, type Principal } from '@cnscd/service-kit';
import type { MerchantsDatabase } from '../infrastructure/read-model';
import { criteriaOf } from './place-evaluator';
import {
  ListMerchantsHandler,
  ListMerchantsParams,
  ListMerchantsQuery,
  ensureFound,
} from './merchants.query';
import { ListPlacesHandler, ListPlacesParams, ListPlacesQuery } from './places.query';
import { OcopParams, OcopProductsHandler, OcopProductsQuery } from './ocop-products.query';
import { OrphanOnboardingsHandler } from './orphan-onboardings.query';

@Controller('v1')
export class MerchantsHttpController {
  constructor(
    private readonly readOrphans: OrphanOnboardingsHandler,
    private readonly readListMerchants: ListMerchantsHandler,
    private readonly readListPlaces: ListPlacesHandler,
    private readonly readOcopProducts: OcopProductsHandler,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<MerchantsDatabase>,
  ) {}

  @Get('merchants')
  @RequireScope('merchants:read')
  list(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.readListMerchants.execute(
      new ListMerchantsQuery(p.commune, parseInput(ListMerchantsParams, query)),
    );
  }

  @Get('merchants/:merchantId')
  @RequireScope('merchants:read')
  async get(@CurrentPrincipal() p: Principal, @Param('merchantId') id: string) {
    const { merchantId } = parseInput(z.object({ merchantId: EntityId }), { merchantId: id });
    const page = await this.readListMerchants.execute(
      new ListMerchantsQuery(p.commune, parseInput(ListMerchantsParams, {}), merchantId),
    );
    const merchant = ensureFound(page.items[0], 'merchant');
    const products = (await this.readOcopProducts.execute(new OcopProductsQuery(p.commune))).filter(
      (o) => o.merchantId === merchantId,
    );
    return {
      ...merchant,
      ocopProducts: products.map(({ productId, name, stars, platforms }) => ({
        productId,
        name,
        stars,
        platforms,
      })),
    };
  }

  @Get('places')
  @RequireScope('merchants:read')
  places(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.readListPlaces.execute(
      new ListPlacesQuery(p.commune, parseInput(ListPlacesParams, query).kind),
    );
  }

  @Get('ocop/products')
  @RequireScope('merchants:read')
  ocop(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const { online } = parseInput(OcopParams, query);
    return this.readOcopProducts.execute(
      new OcopProductsQuery(p.commune, online === undefined ? undefined : online === 'true'),
    );
  }

  /**
   * QR onboardings a bank recorded for a merchant nobody has registered (steps are taken in any order,
   * offline ones included): shown for the Economic Office to register the merchant or ask the bank;
   * counted nowhere until the merchant is registered.
   */
  @Get('onboarding/orphans')
  @RequireScope('merchants:read')
  orphans(@CurrentPrincipal() p: Principal) {
    return this.readOrphans.execute(p.commune);
  }

  @Get('cashless-criteria')
  @RequireScope('merchants:read')
  criteria(@CurrentPrincipal() p: Principal) {
    return criteriaOf(this.rm.db, p.commune);
  }
}
