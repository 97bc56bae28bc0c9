import { z } from 'zod';
import { ResidentKey } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation, type Principal } from '@cnscd/service-kit';
import { RESIDENTS } from '../../api-tags';
import { PersonalDetailsInput } from '../personal-details.request';
import { ResidentShell, onResident } from '../resident-shell';

/** A corrected phone number, a name, a new household: the details given replace those kept, the rest stay. */
export const RecordPersonalDetailsRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    residentKey: ResidentKey,
    ...PersonalDetailsInput,
  })
  .refine((v) => [v.householdId, v.sex, v.name, v.phone].some((d) => d !== undefined), {
    error:
      'Cần ít nhất một thông tin: householdId, sex, name hoặc phone / Give at least one detail: householdId, sex, name or phone',
  })
  .meta({ id: 'RecordPersonalDetailsRequest' });
type Input = z.output<typeof RecordPersonalDetailsRequest>;

/** Sealed with the resident's key, over the details they gave before; whether they consented is the decider's. */
async function sealOverCurrent(shell: ResidentShell, input: Input, principal: Principal) {
  const current = await shell.currentDetails(principal.commune, input.residentKey);
  const personal = await shell.seal(principal.commune, input.residentKey, {
    householdId: input.householdId ?? current?.householdId ?? null,
    sex: input.sex ?? current?.sex ?? null,
    name: input.name ?? current?.name ?? null,
    phone: input.phone ?? current?.phone ?? null,
  });
  return { ...input, personal };
}

export const recordPersonalDetails = deciderOperation({
  ...onResident,
  kind: 'record-personal-details',
  scope: 'outreach:residents:write',
  input: RecordPersonalDetailsRequest,
  http: {
    path: 'residents/personal-details',
    tag: RESIDENTS,
    summary: 'Cập nhật thông tin cá nhân / Update personal details',
    description:
      'Chỉ khi người dân đã đồng ý; thông tin không gửi được giữ nguyên. Only with the resident’s consent; details not sent are kept as they were.',
  },
  prepare: { use: ResidentShell, run: sealOverCurrent },
  command: ({ residentKey, personal }) => ({ type: 'RecordPersonalDetails' as const, residentKey, personal }),
});
