import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EntityId, VillageCode, onboardingRank } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { NotFoundError, READ_MODEL } from '@cnscd/service-kit';
import type { MerchantsDatabase } from '../infrastructure/read-model';
import { ONBOARDING_STAGES } from '../onboarding/onboarding.decider';

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

export const ensureFound = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new NotFoundError(what);
  return value;
};
