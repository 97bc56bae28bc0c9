import { PLACES } from '../api-tags';
import { z } from 'zod';
import { Day, EntityId, OccurredAt, VillageCode } from '@cnscd/contracts';
import { actorOf, deciderOperation, type Principal } from '@cnscd/service-kit';
import { MERCHANTS_PROJECTION } from '../tokens';
import { placeDecider } from './place.decider';

const PlaceName = z.string().trim().min(1).max(120);
const DecisionNumber = z.string().trim().min(1).max(40);
const by = actorOf;
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
  http: {
    path: 'streets',
    tag: PLACES,
    summary: 'Đăng ký tuyến đường / Register a street',
    description: 'Các cơ sở gắn với tuyến đường qua `streetId`. Merchants name their street by `streetId`.',
  },
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
  http: {
    path: 'markets',
    tag: PLACES,
    summary: 'Đăng ký chợ / Register a market',
    description: 'Các sạp gắn với chợ qua `marketId`. Stalls name their market by `marketId`.',
  },
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
  http: {
    path: 'markets/fee-collection',
    tag: PLACES,
    summary: 'Ghi nhận thu phí chợ không dùng tiền mặt / Record cashless fee collection',
    description: 'Một trong các tiêu chí chợ. One of the market criteria.',
  },
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
  http: {
    path: 'designations',
    tag: PLACES,
    summary: 'Công nhận tuyến đường, chợ (số, ngày quyết định) / Designate a street or market',
    description:
      'Quyết định chính thức của xã, tách khỏi việc đạt tiêu chí. The formal decision, separate from qualifying.',
  },
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
  http: {
    path: 'designations/revocations',
    tag: PLACES,
    summary: 'Thu hồi công nhận / Revoke a designation',
    description: 'Nêu số quyết định. Name the decision.',
  },
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
