import { sql } from 'kysely';
import type { Any, Of, Trx } from './merchants.projection';

/**
 * The streets' and markets' rows of the merchants projection, and the marks that send a place to the
 * evaluator (in the same transaction as the change that moves its figures).
 */
const placeRow = (trx: Trx, e: Any, id: string) =>
  trx
    .updateTable('places')
    .where('commune', '=', e.stream.commune)
    .where('place_id', '=', id)
    .where('position', '<', e.position);

// ── Streets and markets ──────────────────────────────────────────────────────────────────────────
export async function placeRegistered(trx: Trx, e: Of<'StreetRegistered' | 'MarketRegistered'>) {
  const street = e.type === 'StreetRegistered';
  const id = street ? e.data.streetId : e.data.marketId;
  await trx
    .insertInto('places')
    .values({
      commune: e.stream.commune,
      place_id: id,
      kind: street ? 'street' : 'market',
      name: e.data.name,
      village_codes: street ? e.data.villageCodes : [e.data.villageCode],
      cashless_fees: null,
      qualified: false,
      designation: null,
      decision_date: null,
      position: e.position,
    })
    .onConflict((oc) => oc.columns(['commune', 'place_id']).doNothing())
    .execute();
  return mark(trx, e.stream.commune, [id]);
}

export async function feeCollectionRecorded(trx: Trx, e: Of<'MarketFeeCollectionRecorded'>) {
  await placeRow(trx, e, e.data.marketId)
    .set({ cashless_fees: e.data.cashless, position: e.position })
    .execute();
  return mark(trx, e.stream.commune, [e.data.marketId]);
}

export const qualification = (trx: Trx, e: Of<'PlaceQualified' | 'PlaceStoppedQualifying'>) =>
  placeRow(trx, e, e.data.placeId)
    .set({ qualified: e.type === 'PlaceQualified', position: e.position })
    .execute();

export const placeDesignated = (trx: Trx, e: Of<'PlaceDesignated'>) =>
  placeRow(trx, e, e.data.placeId)
    .set({ designation: e.data.decisionNumber, decision_date: e.data.decisionDate, position: e.position })
    .execute();

export const designationRevoked = (trx: Trx, e: Of<'PlaceDesignationRevoked'>) =>
  placeRow(trx, e, e.data.placeId)
    .set({ designation: null, decision_date: null, position: e.position })
    .execute();

/** New criteria: every place of the commune is judged again. */
export async function criteriaSet(trx: Trx, { stream, data, position }: Of<'CashlessCriteriaSet'>) {
  const commune = stream.commune;
  await trx
    .insertInto('cashless_criteria')
    .values({ commune, criteria: JSON.stringify(data.criteria), position })
    .onConflict((oc) =>
      oc
        .column('commune')
        .doUpdateSet({ criteria: sql`excluded.criteria`, position: sql`excluded.position` })
        .where('cashless_criteria.position', '<', position),
    )
    .execute();
  const all = await trx.selectFrom('places').select('place_id').where('commune', '=', commune).execute();
  return mark(
    trx,
    commune,
    all.map((p) => p.place_id),
  );
}

/** The street and market a merchant is in are marked for evaluation. */
export async function markMerchantPlaces(trx: Trx, commune: string, merchantId: string) {
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
