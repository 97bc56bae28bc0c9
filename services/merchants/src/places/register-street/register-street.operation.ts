import { PLACES } from '../../api-tags';
import { z } from 'zod';
import { EntityId, VillageCode } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { PlaceName, common } from '../place-write-parts';

export const RegisterStreetRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
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
