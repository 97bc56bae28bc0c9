import { PLACES } from '../../api-tags';
import { z } from 'zod';
import { Day } from '@cnscd/contracts';
import { actorOf, deciderOperation } from '@cnscd/service-kit';
import { common, PlaceRef } from '../place-write-parts';

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
    by: actorOf(p),
  }),
  result: (i) => ({ placeId: i.placeId }),
});
