import { PLACES } from '../../api-tags';
import { z } from 'zod';
import { CashlessCriteria, ShortNote } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { MERCHANTS_PROJECTION } from '../../infrastructure/tokens';
import { criteriaDecider } from '../criteria.decider';

export const SetCashlessCriteriaRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    criteria: CashlessCriteria,
    reason: ShortNote.pipe(z.string().min(3)),
  })
  .meta({ id: 'SetCashlessCriteriaRequest' });

/** One criteria aggregate per commune (its id is the commune code). */
export const setCashlessCriteria = deciderOperation({
  kind: 'set-cashless-criteria',
  scope: 'merchants:places',
  input: SetCashlessCriteriaRequest,
  http: {
    path: 'cashless-criteria',
    tag: PLACES,
    summary: 'Đặt tiêu chí "không dùng tiền mặt" của xã / Set the commune’s cashless criteria',
    description:
      'Thay đổi tiêu chí đánh giá lại mọi tuyến đường và chợ. Changing the criteria re-evaluates every street and market.',
  },
  aggregateType: 'cashless-criteria',
  aggregateId: (_i, principal) => principal.commune,
  decider: criteriaDecider,
  command: ({ criteria, reason }, p) => ({
    type: 'SetCashlessCriteria' as const,
    criteria,
    reason,
    by: actorOf(p),
  }),
  projection: MERCHANTS_PROJECTION,
});
