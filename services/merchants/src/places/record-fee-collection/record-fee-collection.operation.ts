import { PLACES } from '../../api-tags';
import { z } from 'zod';
import { Day, EntityId } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { common } from '../place-write-parts';

/** Whether the market's fees are collected without cash, from a date (one of the commune's criteria). */
export const RecordFeeCollectionRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
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
    by: actorOf(p),
  }),
  result: (i) => ({ marketId: i.marketId }),
});
