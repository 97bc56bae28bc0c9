import { z } from 'zod';
import { VillageCode } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation, type Principal } from '@cnscd/service-kit';
import { RESIDENTS } from '../../api-tags';
import { PersonalDetailsInput, hasContact } from '../personal-details.request';
import { ResidentShell, onResident } from '../resident-shell';

export const RegisterResidentRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    /** The 12-digit CCCD number, used once to derive the resident key. Omit for children or people who decline. */
    citizenId: z.string().max(32).optional(),
    villageCode: VillageCode,
    /** Required without a citizen ID; with one, it must match the year the number encodes. */
    birthYear: z.number().int().min(1900).max(2100).optional(),
    consent: z.boolean(),
    ...PersonalDetailsInput,
  })
  .superRefine((v, ctx) => {
    if (v.citizenId !== undefined) return;
    if (!v.householdId)
      ctx.addIssue({
        code: 'custom',
        path: ['householdId'],
        message: 'Không có số CCCD thì cần hộ gia đình / Without a citizen ID a household is required',
      });
    if (v.birthYear === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['birthYear'],
        message: 'Không có số CCCD thì cần năm sinh / Without a citizen ID a birth year is required',
      });
  })
  .meta({ id: 'RegisterResidentRequest' });
type Input = z.output<typeof RegisterResidentRequest>;

/**
 * The citizen ID number becomes the resident key, its birth year and sex, and is dropped; details the
 * resident consents to keep are sealed with their key. Whether the facts agree is the decider's call.
 */
async function keyAndSeal(shell: ResidentShell, input: Input, principal: Principal) {
  const { commune } = principal;
  const { citizenId: raw, ...rest } = input;
  const id = raw === undefined ? null : shell.citizenId(raw);
  const residentKey = id
    ? shell.keyFromCitizenId(commune, id)
    : shell.generatedKey(commune, rest.householdId!, input.commandId);
  const details = {
    householdId: rest.householdId ?? null,
    sex: rest.sex ?? id?.sex ?? null,
    name: rest.name ?? null,
    phone: rest.phone ?? null,
  };
  const consented = rest.consent && !(id && rest.birthYear !== undefined && rest.birthYear !== id.birthYear);
  return {
    ...rest,
    residentKey,
    identification: id ? ('citizen-id' as const) : ('generated' as const),
    encodedBirthYear: id?.birthYear,
    personal: consented ? await shell.seal(commune, residentKey, details) : null,
  };
}

export const registerResident = deciderOperation({
  ...onResident,
  kind: 'register-resident',
  commandType: 'RegisterResident',
  scope: 'outreach:residents:write',
  input: RegisterResidentRequest,
  http: {
    path: 'residents',
    tag: RESIDENTS,
    summary: 'Đăng ký cư dân / Register a resident',
    description:
      'Số CCCD chỉ dùng một lần để tạo khóa cư dân rồi bị bỏ: không lưu, không ghi log, không trả lại. Không có CCCD (trẻ em, người từ chối): cần hộ và năm sinh. ' +
      'The citizen ID is used once to derive the resident key and then dropped. Without one, give the household and the birth year. Name, phone, household and sex are kept only with consent, sealed with the resident’s own key.',
  },
  prepare: {
    use: ResidentShell,
    run: keyAndSeal,
    // It reads no projection: the key comes from the commune's secret, and sealing reads the resident's
    // data key (creating it if need be), which only the resident's own writes change. A registration
    // records something only for a resident with no history yet, so no earlier write of a batch can
    // have destroyed the key it seals with (an erasure or a withdrawal makes it refused, or unchanged):
    // a partner's batch of registrations runs at once (decision 0013).
    readsReadModels: false,
  },
  // The caller's input with the key in place of the number: what a resend must repeat.
  content: ({ identification: _i, encodedBirthYear: _e, personal: _p, ...sent }) => sent,
  command: (input, _principal, now) => ({
    type: 'RegisterResident' as const,
    residentKey: input.residentKey,
    villageCode: input.villageCode,
    birthYear: input.encodedBirthYear ?? input.birthYear!,
    ...(input.encodedBirthYear !== undefined && input.birthYear !== undefined
      ? { statedBirthYear: input.birthYear }
      : {}),
    identification: input.identification,
    consent: input.consent,
    contactGiven: hasContact(input),
    personal: input.personal,
    currentYear: now.getUTCFullYear(),
  }),
});
