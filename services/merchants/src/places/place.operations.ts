import { z } from 'zod';
import { Day, EntityId, OccurredAt, VillageCode } from '@cnscd/contracts';
import { deciderOperation, type Principal } from '@cnscd/service-kit';
import { MERCHANTS_PROJECTION } from '../tokens';
import { placeDecider } from './place.decider';

const PlaceName = z.string().trim().min(1).max(120);
const DecisionNumber = z.string().trim().min(1).max(40);
const by = (p: Principal) => ({ organisationId: p.organisationId, organisationKind: p.organisationKind });
const common = {
  decider: placeDecider,
  projection: MERCHANTS_PROJECTION,
} as const;

export const RegisterStreetRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    streetId: EntityId,
    name: PlaceName,
    villageCodes: z.array(VillageCode).min(1).max(10),
  })
  .meta({ id: 'RegisterStreetRequest' });
export const registerStreet = deciderOperation({
  ...common,
  kind: 'register-street',
  scope: 'merchants:places',
  input: RegisterStreetRequest,
  aggregateType: 'street',
  aggregateId: (i) => i.streetId,
  command: ({ streetId, name, villageCodes }) => ({
    type: 'RegisterStreet' as const,
    streetId,
    name,
    villageCodes,
  }),
  result: (i) => ({ streetId: i.streetId }),
});

export const RegisterMarketRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    marketId: EntityId,
    name: PlaceName,
    villageCode: VillageCode,
  })
  .meta({ id: 'RegisterMarketRequest' });
export const registerMarket = deciderOperation({
  ...common,
  kind: 'register-market',
  scope: 'merchants:places',
  input: RegisterMarketRequest,
  aggregateType: 'market',
  aggregateId: (i) => i.marketId,
  command: ({ marketId, name, villageCode }) => ({
    type: 'RegisterMarket' as const,
    marketId,
    name,
    villageCode,
  }),
  result: (i) => ({ marketId: i.marketId }),
});

/** Whether the market's fees are collected without cash, from a date (one of the commune's criteria). */
export const RecordFeeCollectionRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    marketId: EntityId,
    cashless: z.boolean(),
    effectiveDate: Day,
  })
  .meta({ id: 'RecordFeeCollectionRequest' });
export const recordFeeCollection = deciderOperation({
  ...common,
  kind: 'record-fee-collection',
  scope: 'merchants:places',
  input: RecordFeeCollectionRequest,
  aggregateType: 'market',
  aggregateId: (i) => i.marketId,
  command: ({ marketId, cashless, effectiveDate }, p) => ({
    type: 'RecordFeeCollection' as const,
    marketId,
    cashless,
    effectiveDate,
    by: by(p),
  }),
  result: (i) => ({ marketId: i.marketId }),
});

const PlaceRef = {
  commandId: EntityId,
  occurredAt: OccurredAt,
  placeType: z.enum(['street', 'market']),
  placeId: EntityId,
  decisionNumber: DecisionNumber,
};
export const DesignatePlaceRequest = z
  .strictObject({ ...PlaceRef, decisionDate: Day })
  .meta({ id: 'DesignatePlaceRequest' });
export const designatePlace = deciderOperation({
  ...common,
  kind: 'designate-place',
  scope: 'merchants:places',
  input: DesignatePlaceRequest,
  aggregateType: (i) => i.placeType,
  aggregateId: (i) => i.placeId,
  command: ({ placeId, decisionNumber, decisionDate }, p) => ({
    type: 'DesignatePlace' as const,
    placeId,
    decisionNumber,
    decisionDate,
    by: by(p),
  }),
  result: (i) => ({ placeId: i.placeId }),
});

export const RevokeDesignationRequest = z
  .strictObject({ ...PlaceRef, revokedOn: Day })
  .meta({ id: 'RevokeDesignationRequest' });
export const revokeDesignation = deciderOperation({
  ...common,
  kind: 'revoke-designation',
  scope: 'merchants:places',
  input: RevokeDesignationRequest,
  aggregateType: (i) => i.placeType,
  aggregateId: (i) => i.placeId,
  command: ({ placeId, decisionNumber, revokedOn }, p) => ({
    type: 'RevokeDesignation' as const,
    placeId,
    decisionNumber,
    revokedOn,
    by: by(p),
  }),
  result: (i) => ({ placeId: i.placeId }),
});
