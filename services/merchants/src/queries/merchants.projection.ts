import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import { foldWith, type EventOf, type Projection } from '@cnscd/read-model';
import type { OnboardingData } from '@cnscd/contracts';
import type { MerchantsDatabase } from '../infrastructure/read-model';
import type { CriteriaEvent } from '../criteria/criteria.decider';
import type { MerchantEvent } from '../merchants/merchant.decider';
import { ONBOARDING_STAGES, STAGE_OF, type OnboardingEvent } from '../onboarding/onboarding.decider';
import type { PlaceEvent } from '../places/place.decider';
import {
  criteriaSet,
  designationRevoked,
  feeCollectionRecorded,
  markMerchantPlaces,
  placeDesignated,
  placeRegistered,
  qualification,
} from './place-rows';

export type Trx = Transaction<MerchantsDatabase>;
export type Any = RecordedEvent & (MerchantEvent | OnboardingEvent | PlaceEvent | CriteriaEvent);

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

export type Of<T extends Any['type']> = EventOf<Any, T>;
/** A row is updated only by an event newer than the one it last took (redelivery changes nothing). */
const merchantRow = (trx: Trx, e: Any, id: string) =>
  trx
    .updateTable('merchants')
    .where('commune', '=', e.stream.commune)
    .where('merchant_id', '=', id)
    .where('position', '<', e.position);

// ── Merchants ────────────────────────────────────────────────────────────────────────────────────
async function merchantRegistered(trx: Trx, { stream, data: d, position }: Of<'MerchantRegistered'>) {
  await trx
    .insertInto('merchants')
    .values({
      commune: stream.commune,
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
      position,
    })
    .onConflict((oc) => oc.columns(['commune', 'merchant_id']).doNothing())
    .execute();
  return markMerchantPlaces(trx, stream.commune, d.merchantId);
}

/** The places it leaves and the places it joins both change. */
async function merchantMoved(trx: Trx, e: Of<'MerchantMoved'>) {
  await markMerchantPlaces(trx, e.stream.commune, e.data.merchantId);
  const { villageCode, streetId, marketId, stall } = e.data;
  await merchantRow(trx, e, e.data.merchantId)
    .set({ village_code: villageCode, street_id: streetId, market_id: marketId, stall, position: e.position })
    .execute();
  return markMerchantPlaces(trx, e.stream.commune, e.data.merchantId);
}

async function merchantClosed(trx: Trx, e: Of<'MerchantClosed'>) {
  await merchantRow(trx, e, e.data.merchantId)
    .set({ status: 'closed', closed_on: e.data.closedOn, position: e.position })
    .execute();
  return markMerchantPlaces(trx, e.stream.commune, e.data.merchantId);
}

async function merchantReopened(trx: Trx, e: Of<'MerchantReopened'>) {
  await merchantRow(trx, e, e.data.merchantId)
    .set({ status: 'open', closed_on: null, position: e.position })
    .execute();
  return markMerchantPlaces(trx, e.stream.commune, e.data.merchantId);
}

// ── OCOP products ────────────────────────────────────────────────────────────────────────────────
const ocopProductAdded = (trx: Trx, { stream, data: d }: Of<'OcopProductAdded'>) =>
  trx
    .insertInto('ocop_products')
    .values({
      commune: stream.commune,
      product_id: d.productId,
      merchant_id: d.merchantId,
      name: d.name,
      stars: d.stars,
    })
    .onConflict((oc) => oc.columns(['commune', 'product_id']).doNothing())
    .execute();

const ocopProductListed = (trx: Trx, { stream, data: d }: Of<'OcopProductListed'>) =>
  trx
    .insertInto('ocop_listings')
    .values({
      commune: stream.commune,
      product_id: d.productId,
      platform: d.platform,
      listed_on: d.listedOn,
      delisted_on: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['commune', 'product_id', 'platform'])
        .doUpdateSet({ listed_on: sql`excluded.listed_on`, delisted_on: null }),
    )
    .execute();

const ocopProductDelisted = (trx: Trx, { stream, data: d }: Of<'OcopProductDelisted'>) =>
  trx
    .updateTable('ocop_listings')
    .set({ delisted_on: d.delistedOn })
    .where('commune', '=', stream.commune)
    .where('product_id', '=', d.productId)
    .where('platform', '=', d.platform)
    .execute();

// ── QR onboarding ────────────────────────────────────────────────────────────────────────────────
/** Every onboarding event moves the onboarding to its stage; a late, lower step leaves the stage as it is. */
async function onboardingStep(trx: Trx, e: Of<OnboardingEvent['type']>) {
  const d = e.data as OnboardingData & { verifiedBy?: string };
  const values = {
    stage: STAGE_OF[e.type],
    verified_by: d.verifiedBy ?? null,
    updated_at: e.occurredAt,
    position: e.position,
  };
  const stages = sql.val([...ONBOARDING_STAGES]);
  await trx
    .insertInto('onboardings')
    .values({
      commune: e.stream.commune,
      onboarding_id: d.onboardingId,
      merchant_id: d.merchantId,
      provider_id: d.providerId,
      ...values,
    })
    .onConflict((oc) =>
      oc
        .columns(['commune', 'onboarding_id'])
        .doUpdateSet({
          stage:
            values.stage === 'withdrawn'
              ? values.stage
              : sql`case when onboardings.stage = 'withdrawn' or array_position(${stages}::text[], onboardings.stage) < array_position(${stages}::text[], ${values.stage}::text) then ${values.stage} else onboardings.stage end`,
          verified_by: sql`coalesce(excluded.verified_by, onboardings.verified_by)`,
          updated_at: values.updated_at,
          position: values.position,
        })
        .where('onboardings.position', '<', e.position),
    )
    .execute();
  return markMerchantPlaces(trx, e.stream.commune, d.merchantId);
}

const applyOne = foldWith<Any, Trx>({
  MerchantRegistered: merchantRegistered,
  MerchantMoved: merchantMoved,
  MerchantClosed: merchantClosed,
  MerchantReopened: merchantReopened,
  OcopProductAdded: ocopProductAdded,
  OcopProductListed: ocopProductListed,
  OcopProductDelisted: ocopProductDelisted,
  MerchantContacted: onboardingStep,
  PaymentAccountOpened: onboardingStep,
  QrCodeIssued: onboardingStep,
  QrCodeVerified: onboardingStep,
  QrPaymentsActive: onboardingStep,
  QrCodeWithdrawn: onboardingStep,
  StreetRegistered: placeRegistered,
  MarketRegistered: placeRegistered,
  MarketFeeCollectionRecorded: feeCollectionRecorded,
  PlaceQualified: qualification,
  PlaceStoppedQualifying: qualification,
  PlaceDesignated: placeDesignated,
  PlaceDesignationRevoked: designationRevoked,
  CashlessCriteriaSet: criteriaSet,
});
