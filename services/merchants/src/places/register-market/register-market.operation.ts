import { PLACES } from '../../api-tags';
import { z } from 'zod';
import { EntityId, VillageCode } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { PlaceName, common } from '../place-write-parts';

export const RegisterMarketRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
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
