import {
  EntityId,
  OccurredAt,
  VILLAGE_REGISTER,
  VillageRegisteredV1,
  VillageRenamedV1,
  VillageRetiredV1,
} from '@cnscd/contracts';
import { deciderOperation, type Principal } from '@cnscd/service-kit';
import { FactsStore } from '../projection/facts-store';
import { villageRegisterDecider } from './village-register.decider';

const base = { commandId: EntityId, occurredAt: OccurredAt };
const register = {
  aggregateType: VILLAGE_REGISTER.aggregateType,
  aggregateId: (_i: unknown, p: Principal) => p.commune,
  decider: villageRegisterDecider,
  // The report and the values name villages: answer once the facts have the change.
  projection: FactsStore,
  scope: 'indicators:configure',
  // The village is what the command is about; it need not be registered yet (it is being registered).
  result: (i: { villageCode: string }) => ({ villageCode: i.villageCode }),
} as const;
const by = (p: Principal) => ({ organisationKind: p.organisationKind });
/**
 * The village a register command is about is judged by the decider, not by the edge's unknown-village
 * check: a new code is not registered yet, and a retry of a merger must still get its original answer.
 */
const subject = (description: string) =>
  VillageRegisteredV1.shape.villageCode.meta({ description, 'x-registered': 'decided-by-the-register' });

export const RegisterVillageRequest = VillageRegisteredV1.extend({
  ...base,
  villageCode: subject('The new village’s code, unique in the commune'),
})
  .strict()
  .meta({ id: 'RegisterVillageRequest' });
export const registerVillage = deciderOperation({
  ...register,
  kind: 'register-village',
  input: RegisterVillageRequest,
  command: ({ villageCode, name, effectiveDate }, p) => ({
    type: 'RegisterVillage' as const,
    villageCode,
    name,
    effectiveDate,
    by: by(p),
  }),
});

export const RenameVillageRequest = VillageRenamedV1.extend({
  ...base,
  villageCode: subject('The village to rename'),
})
  .strict()
  .meta({ id: 'RenameVillageRequest' });
export const renameVillage = deciderOperation({
  ...register,
  kind: 'rename-village',
  input: RenameVillageRequest,
  command: ({ villageCode, name, effectiveDate }, p) => ({
    type: 'RenameVillage' as const,
    villageCode,
    name,
    effectiveDate,
    by: by(p),
  }),
});

export const RetireVillageRequest = VillageRetiredV1.extend({
  ...base,
  villageCode: subject('The village that ceases to exist'),
})
  .strict()
  .meta({ id: 'RetireVillageRequest' });
export const retireVillage = deciderOperation({
  ...register,
  kind: 'retire-village',
  input: RetireVillageRequest,
  command: ({ villageCode, effectiveDate, successors, reason }, p) => ({
    type: 'RetireVillage' as const,
    villageCode,
    effectiveDate,
    successors,
    reason,
    by: by(p),
  }),
});
