import { PLACES } from '../../api-tags';
import { z } from 'zod';
import { Day } from '@cnscd/contracts';
import { actorOf, deciderOperation } from '@cnscd/service-kit';
import { common, PlaceRef } from '../place-write-parts';

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
    by: actorOf(p),
  }),
  result: (i) => ({ placeId: i.placeId }),
});
