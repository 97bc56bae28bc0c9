import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import type { Projection } from '@cnscd/read-model';
import type { OnboardingData } from '@cnscd/contracts';
import type { MerchantsDatabase } from './infrastructure/read-model';
import type { CriteriaEvent } from './criteria/criteria.decider';
import type { MerchantEvent } from './merchants/merchant.decider';
import { ONBOARDING_STAGES, STAGE_OF, type OnboardingEvent } from './onboarding/onboarding.decider';
import type { PlaceEvent } from './places/place.decider';

type Trx = Transaction<MerchantsDatabase>;
type Any = RecordedEvent & (MerchantEvent | OnboardingEvent | PlaceEvent | CriteriaEvent);

/**
 * Merchants, onboardings, streets and markets, criteria and OCOP products as rows. Whenever an event
 * changes a street's or market's figures, the place is marked for evaluation in the same transaction,
 * so the evaluator never misses one, even after a crash. Idempotent: rows keep the position of the
 * last event applied and ignore older ones.
 */
export const merchantsProjection: Projection<MerchantsDatabase> = {
  name: 'merchants.all.v1',
  filter: { context: 'merchants' },
  batchSize: 500,
  async apply(trx, events) {
    for (const e of events as Any[]) await applyOne(trx, e);
  },
};

async function applyOne(trx: Trx, e: Any) {
  const commune = e.stream.commune;
  const merchantRow = (id: string) =>
    trx
      .updateTable('merchants')
      .where('commune', '=', commune)
      .where('merchant_id', '=', id)
      .where('position', '<', e.position);
  const placeRow = (id: string) =>
    trx
      .updateTable('places')
      .where('commune', '=', commune)
      .where('place_id', '=', id)
      .where('position', '<', e.position);
  switch (e.type) {
    case 'MerchantRegistered': {
      const d = e.data;
      await trx
        .insertInto('merchants')
        .values({
          commune,
          merchant_id: d.merchantId,
          kind: d.kind,
          business_name: d.businessName,
          village_code: d.villageCode,
          street_id: d.streetId,
          market_id: d.marketId,
          stall: d.stall,
          sector: d.sector,
          status: 'open',
          opened_on: d.openedOn,
          closed_on: null,
          position: e.position,
        })
        .onConflict((oc) => oc.columns(['commune', 'merchant_id']).doNothing())
        .execute();
      return markMerchantPlaces(trx, commune, d.merchantId);
    }
    case 'MerchantMoved':
      await markMerchantPlaces(trx, commune, e.data.merchantId);
      await merchantRow(e.data.merchantId)
        .set({
          village_code: e.data.villageCode,
          street_id: e.data.streetId,
          market_id: e.data.marketId,
          stall: e.data.stall,
          position: e.position,
        })
        .execute();
      return markMerchantPlaces(trx, commune, e.data.merchantId);
    case 'MerchantClosed':
      await merchantRow(e.data.merchantId)
        .set({ status: 'closed', closed_on: e.data.closedOn, position: e.position })
        .execute();
      return markMerchantPlaces(trx, commune, e.data.merchantId);
    case 'MerchantReopened':
      await merchantRow(e.data.merchantId)
        .set({ status: 'open', closed_on: null, position: e.position })
        .execute();
      return markMerchantPlaces(trx, commune, e.data.merchantId);
    case 'OcopProductAdded':
      await trx
        .insertInto('ocop_products')
        .values({
          commune,
          product_id: e.data.productId,
          merchant_id: e.data.merchantId,
          name: e.data.name,
          stars: e.data.stars,
        })
        .onConflict((oc) => oc.columns(['commune', 'product_id']).doNothing())
        .execute();
      return;
    case 'OcopProductListed':
      await trx
        .insertInto('ocop_listings')
        .values({
          commune,
          product_id: e.data.productId,
          platform: e.data.platform,
          listed_on: e.data.listedOn,
          delisted_on: null,
        })
        .onConflict((oc) =>
          oc
            .columns(['commune', 'product_id', 'platform'])
            .doUpdateSet({ listed_on: sql`excluded.listed_on`, delisted_on: null }),
        )
        .execute();
      return;
    case 'OcopProductDelisted':
      await trx
        .updateTable('ocop_listings')
        .set({ delisted_on: e.data.delistedOn })
        .where('commune', '=', commune)
        .where('product_id', '=', e.data.productId)
        .where('platform', '=', e.data.platform)
        .execute();
      return;
    case 'MerchantContacted':
    case 'PaymentAccountOpened':
    case 'QrCodeIssued':
    case 'QrCodeVerified':
    case 'QrPaymentsActive':
    case 'QrCodeWithdrawn': {
      const d = e.data as OnboardingData & { verifiedBy?: string };
      const values = {
        stage: STAGE_OF[e.type],
        verified_by: d.verifiedBy ?? null,
        updated_at: e.occurredAt,
        position: e.position,
      };
      await trx
        .insertInto('onboardings')
        .values({
          commune,
          onboarding_id: d.onboardingId,
          merchant_id: d.merchantId,
          provider_id: d.providerId,
          ...values,
        })
        .onConflict((oc) =>
          oc
            .columns(['commune', 'onboarding_id'])
            .doUpdateSet({
              // A step that arrives late and is lower than the stage reached leaves the stage as it is.
              stage:
                values.stage === 'withdrawn'
                  ? values.stage
                  : sql`case when onboardings.stage = 'withdrawn' or array_position(${sql.val([...ONBOARDING_STAGES])}::text[], onboardings.stage) < array_position(${sql.val([...ONBOARDING_STAGES])}::text[], ${values.stage}::text) then ${values.stage} else onboardings.stage end`,
              verified_by: sql`coalesce(excluded.verified_by, onboardings.verified_by)`,
              updated_at: values.updated_at,
              position: values.position,
            })
            .where('onboardings.position', '<', e.position),
        )
        .execute();
      return markMerchantPlaces(trx, commune, d.merchantId);
    }
    case 'StreetRegistered':
    case 'MarketRegistered': {
      const street = e.type === 'StreetRegistered';
      const id = street ? e.data.streetId : e.data.marketId;
      const villages = street ? e.data.villageCodes : [e.data.villageCode];
      await trx
        .insertInto('places')
        .values({
          commune,
          place_id: id,
          kind: street ? 'street' : 'market',
          name: e.data.name,
          village_codes: villages,
          cashless_fees: null,
          qualified: false,
          designation: null,
          decision_date: null,
          position: e.position,
        })
        .onConflict((oc) => oc.columns(['commune', 'place_id']).doNothing())
        .execute();
      return mark(trx, commune, [id]);
    }
    case 'MarketFeeCollectionRecorded':
      await placeRow(e.data.marketId).set({ cashless_fees: e.data.cashless, position: e.position }).execute();
      return mark(trx, commune, [e.data.marketId]);
    case 'PlaceQualified':
    case 'PlaceStoppedQualifying':
      await placeRow(e.data.placeId)
        .set({ qualified: e.type === 'PlaceQualified', position: e.position })
        .execute();
      return;
    case 'PlaceDesignated':
      await placeRow(e.data.placeId)
        .set({ designation: e.data.decisionNumber, decision_date: e.data.decisionDate, position: e.position })
        .execute();
      return;
    case 'PlaceDesignationRevoked':
      await placeRow(e.data.placeId)
        .set({ designation: null, decision_date: null, position: e.position })
        .execute();
      return;
    case 'CashlessCriteriaSet': {
      await trx
        .insertInto('cashless_criteria')
        .values({ commune, criteria: JSON.stringify(e.data.criteria), position: e.position })
        .onConflict((oc) =>
          oc
            .column('commune')
            .doUpdateSet({ criteria: sql`excluded.criteria`, position: sql`excluded.position` })
            .where('cashless_criteria.position', '<', e.position),
        )
        .execute();
      const all = await trx.selectFrom('places').select('place_id').where('commune', '=', commune).execute();
      return mark(
        trx,
        commune,
        all.map((p) => p.place_id),
      );
    }
  }
}

async function markMerchantPlaces(trx: Trx, commune: string, merchantId: string) {
  const m = await trx
    .selectFrom('merchants')
    .select(['street_id', 'market_id'])
    .where('commune', '=', commune)
    .where('merchant_id', '=', merchantId)
    .executeTakeFirst();
  await mark(
    trx,
    commune,
    [m?.street_id, m?.market_id].filter((id): id is string => !!id),
  );
}

async function mark(trx: Trx, commune: string, placeIds: readonly string[]) {
  if (placeIds.length === 0) return;
  await trx
    .insertInto('places_to_evaluate')
    .values(placeIds.map((place_id) => ({ commune, place_id, mark: 1 })))
    .onConflict((oc) =>
      oc.columns(['commune', 'place_id']).doUpdateSet({ mark: sql`places_to_evaluate.mark + 1` }),
    )
    .execute();
}
