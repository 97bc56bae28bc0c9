import { VILLAGE_REGISTER, VillageRegisteredV1 } from '@cnscd/contracts';
import { type Principal } from '@cnscd/service-kit';
import { FactsStore } from '../queries/facts/facts-store';
import { villageRegisterDecider } from './village-register.decider';

export const register = {
  aggregateType: VILLAGE_REGISTER.aggregateType,
  aggregateId: (_i: unknown, p: Principal) => p.commune,
  decider: villageRegisterDecider,
  // The report and the values name villages: answer once the facts have the change.
  projection: FactsStore,
  scope: 'indicators:configure',
  // The village is what the command is about; it need not be registered yet (it is being registered).
  result: (i: { villageCode: string }) => ({ villageCode: i.villageCode }),
} as const;

/**
 * The village a register command is about is judged by the decider, not by the edge's unknown-village
 * check: a new code is not registered yet, and a retry of a merger must still get its original answer.
 */
export const subject = (description: string) =>
  VillageRegisteredV1.shape.villageCode.meta({ description, 'x-registered': 'decided-by-the-register' });
