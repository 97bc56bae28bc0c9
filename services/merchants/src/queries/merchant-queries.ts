import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EntityId, VillageCode, onboardingRank } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { NotFoundError, READ_MODEL } from '@cnscd/service-kit';
import type { MerchantsDatabase } from '../infrastructure/read-model';
import { ONBOARDING_STAGES } from '../onboarding/onboarding.decider';
import { assessPlace, countPlace } from '../places/cashless-evaluation';
import { criteriaOf, merchantsOnPlace } from './place-evaluator';

type Db = ReadModelDatabase<MerchantsDatabase>;
const rank = onboardingRank;

// ── Merchants ───────────────────────────────────────────────────────────────────────────────────
export const ListMerchantsParams = z.strictObject({
  village: VillageCode.optional(),
  street: EntityId.optional(),
  market: EntityId.optional(),
  /** The best onboarding stage reached with any provider, or `none`. */
  stage: z.enum([...ONBOARDING_STAGES, 'none']).optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  after: EntityId.optional(),
});

export const MerchantView = z
  .object({
    merchantId: EntityId,
    kind: z.string(),
    businessName: z.string(),
    villageCode: z.string(),
    streetId: EntityId.nullable(),
    marketId: EntityId.nullable(),
    stall: z.string().nullable(),
    sector: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    openedOn: z.string(),
    closedOn: z.string().nullable(),
    bestStage: z.string().nullable(),
    onboardings: z.array(
      z.object({ providerId: z.string(), stage: z.string(), verifiedBy: z.string().nullable() }),
    ),
  })
  .meta({ id: 'Merchant' });
export type MerchantView = z.output<typeof MerchantView>;
export const MerchantPage = z
  .object({ items: z.array(MerchantView), next: EntityId.nullable() })
  .meta({ id: 'MerchantPage' });

/** What the read is asked. */
export class ListMerchantsQuery {
  constructor(
    readonly commune: string,
    readonly params: z.output<typeof ListMerchantsParams>,
    readonly merchantId?: string,
  ) {}
}

@Injectable()
export class ListMerchantsHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: Db) {}

  async execute({ commune, params, merchantId }: ListMerchantsQuery) {
    let q = this.rm.db.selectFrom('merchants').selectAll().where('commune', '=', commune);
    if (merchantId) q = q.where('merchant_id', '=', merchantId);
    if (params.village) q = q.where('village_code', '=', params.village);
    if (params.street) q = q.where('street_id', '=', params.street);
    if (params.market) q = q.where('market_id', '=', params.market);
    if (params.status) q = q.where('status', '=', params.status);
    if (params.after) q = q.where('merchant_id', '>', params.after);
    const rows = await q.orderBy('merchant_id').execute();
    const onboardings = rows.length
      ? await this.rm.db
          .selectFrom('onboardings')
          .selectAll()
          .where('commune', '=', commune)
          .where(
            'merchant_id',
            'in',
            rows.map((r) => r.merchant_id),
          )
          .execute()
      : [];
    const items: MerchantView[] = rows
      .map((r) => {
        const own = onboardings.filter((o) => o.merchant_id === r.merchant_id);
        const best = own.filter((o) => rank(o.stage) >= 0).sort((a, b) => rank(b.stage) - rank(a.stage))[0];
        return {
          merchantId: r.merchant_id,
          kind: r.kind,
          businessName: r.business_name,
          villageCode: r.village_code,
          streetId: r.street_id,
          marketId: r.market_id,
          stall: r.stall,
          sector: r.sector,
          status: r.status,
          openedOn: r.opened_on,
          closedOn: r.closed_on,
          bestStage: best?.stage ?? null,
          onboardings: own.map((o) => ({
            providerId: o.provider_id,
            stage: o.stage,
            verifiedBy: o.verified_by,
          })),
        };
      })
      .filter((m) => !params.stage || (m.bestStage ?? 'none') === params.stage);
    const page = items.slice(0, params.limit);
    return { items: page, next: items.length > params.limit ? page.at(-1)!.merchantId : null };
  }
}

// ── Streets and markets with their progress ─────────────────────────────────────────────────────
export const PlaceView = z
  .object({
    placeId: EntityId,
    kind: z.enum(['street', 'market']),
    name: z.string(),
    villageCodes: z.array(z.string()),
    openMerchants: z.number().int(),
    verifiedMerchants: z.number().int(),
    /** Share of open merchants whose QR code counts. */
    share: z.number(),
    /** How many more merchants with a counted QR code it needs; and how many more open merchants. */
    neededVerified: z.number().int(),
    neededOpen: z.number().int(),
    cashlessFees: z.boolean().nullable(),
    feesMissing: z.boolean(),
    /** Meets the criteria now, per the latest evaluation. */
    qualified: z.boolean(),
    designation: z.object({ decisionNumber: z.string(), decisionDate: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Place' });
export type PlaceView = z.output<typeof PlaceView>;
export const ListPlacesParams = z.strictObject({ kind: z.enum(['street', 'market']).optional() });

/** What the read is asked. */
export class ListPlacesQuery {
  constructor(
    readonly commune: string,
    readonly kind?: 'street' | 'market',
  ) {}
}

@Injectable()
export class ListPlacesHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: Db) {}

  async execute({ commune, kind }: ListPlacesQuery): Promise<PlaceView[]> {
    let q = this.rm.db.selectFrom('places').selectAll().where('commune', '=', commune);
    if (kind) q = q.where('kind', '=', kind);
    const places = await q.orderBy('kind').orderBy('name').execute();
    const { criteria } = await criteriaOf(this.rm.db, commune);
    return Promise.all(
      places.map(async (p) => {
        const counts = countPlace(
          await merchantsOnPlace(this.rm.db, commune, p.kind, p.place_id),
          criteria.countedStage,
        );
        const a = assessPlace(p.kind, counts, p.cashless_fees, criteria);
        return {
          placeId: p.place_id,
          kind: p.kind,
          name: p.name,
          villageCodes: p.village_codes,
          ...counts,
          share: counts.openMerchants ? counts.verifiedMerchants / counts.openMerchants : 0,
          neededVerified: a.neededVerified,
          neededOpen: a.neededOpen,
          cashlessFees: p.cashless_fees,
          feesMissing: a.feesMissing,
          qualified: p.qualified,
          designation: p.designation
            ? { decisionNumber: p.designation, decisionDate: p.decision_date }
            : null,
        };
      }),
    );
  }
}

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

export const ensureFound = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new NotFoundError(what);
  return value;
};
