import { z } from 'zod';
import { Day, EntityId, ResidentKey, VillageCode } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation, type Principal } from '@cnscd/service-kit';
import { RESIDENTS } from '../../api-tags';
import { ResidentShell, onResident } from '../resident-shell';

/** The resident counts in the new village from `effectiveDate` on. A new household is kept only with consent. */
export const MoveResidentRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    residentKey: ResidentKey,
    toVillage: VillageCode,
    toHouseholdId: EntityId.optional(),
    effectiveDate: Day,
  })
  .meta({ id: 'MoveResidentRequest' });
type Input = z.output<typeof MoveResidentRequest>;

/** A new household is sealed with the details the resident already gave (the decider checks consent). */
async function sealNewHousehold(shell: ResidentShell, input: Input, principal: Principal) {
  if (!input.toHouseholdId) return { ...input, personal: null };
  const current = await shell.currentDetails(principal.commune, input.residentKey);
  const personal = await shell.seal(principal.commune, input.residentKey, {
    householdId: input.toHouseholdId,
    sex: current?.sex ?? null,
    name: current?.name ?? null,
    phone: current?.phone ?? null,
  });
  return { ...input, personal };
}

export const moveResident = deciderOperation({
  ...onResident,
  kind: 'move-resident',
  commandType: 'MoveResident',
  scope: 'outreach:residents:write',
  input: MoveResidentRequest,
  http: {
    path: 'residents/moves',
    tag: RESIDENTS,
    summary: 'Chuyển thôn / Move to another village',
    description:
      'Cư dân được tính ở thôn mới từ ngày hiệu lực. The resident counts in the new village from the effective date on.',
  },
  prepare: { use: ResidentShell, run: sealNewHousehold },
  command: (input) => ({
    type: 'MoveResident' as const,
    residentKey: input.residentKey,
    toVillage: input.toVillage,
    effectiveDate: input.effectiveDate,
    personal: input.personal,
  }),
});
