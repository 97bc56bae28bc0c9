import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import {
  type CashlessCriteria,
  type CashlessCriteriaSetData,
  COMMUNE_OFFICES,
  type Actor,
} from '@cnscd/contracts';

export type CriteriaEvent = DomainEvent<'CashlessCriteriaSet', CashlessCriteriaSetData>;
export type CriteriaCommand = {
  type: 'SetCashlessCriteria';
  criteria: CashlessCriteria;
  reason: string;
  by: Actor;
};
export type CriteriaState = { readonly criteria: CashlessCriteria | null };

/** The commune's definition of a cashless street or market. Changing it re-evaluates every place. */
export const criteriaDecider: Decider<CriteriaCommand, CriteriaState, CriteriaEvent> = {
  initialState: () => ({ criteria: null }),
  evolve: (_state, event) => ({ criteria: event.data.criteria }),
  decide: (command, state): CriteriaEvent[] | Rejection<'NotPermitted'> => {
    if (!COMMUNE_OFFICES.includes(command.by.organisationKind)) {
      return reject('NotPermitted', {
        vi: 'Chỉ UBND xã và các phòng của xã đặt tiêu chí.',
        en: 'Only the commune and its offices set the criteria.',
      });
    }
    if (JSON.stringify(state.criteria) === JSON.stringify(command.criteria)) return [];
    return [{ type: 'CashlessCriteriaSet', data: { criteria: command.criteria, reason: command.reason } }];
  },
};
