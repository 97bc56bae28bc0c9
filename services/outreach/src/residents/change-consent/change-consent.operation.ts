import { z } from 'zod';
import { ResidentKey } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation, type Principal } from '@cnscd/service-kit';
import { RESIDENTS } from '../../api-tags';
import { PersonalDetailsInput } from '../personal-details.request';
import { ResidentShell, onResident } from '../resident-shell';

/**
 * Consent given (optionally with the details it allows to keep) or withdrawn. Withdrawal destroys the
 * resident's data key: every sealed detail in every event becomes unreadable.
 */
export const ChangeConsentRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    residentKey: ResidentKey,
    given: z.boolean(),
    ...PersonalDetailsInput,
  })
  .meta({ id: 'ChangeConsentRequest' });
type Input = z.output<typeof ChangeConsentRequest>;

/** Details given with consent are sealed with the resident's key before the decision. */
async function sealGivenDetails(shell: ResidentShell, input: Input, principal: Principal) {
  const { householdId, sex, name, phone } = input;
  const withDetails = input.given && [householdId, sex, name, phone].some((v) => v !== undefined);
  const personal = withDetails
    ? await shell.seal(principal.commune, input.residentKey, {
        householdId: householdId ?? null,
        sex: sex ?? null,
        name: name ?? null,
        phone: phone ?? null,
      })
    : null;
  return { ...input, personal };
}

export const changeConsent = deciderOperation({
  ...onResident,
  kind: 'change-consent',
  commandType: (input) => (input.given ? 'GiveConsent' : 'WithdrawConsent'),
  scope: 'outreach:residents:write',
  input: ChangeConsentRequest,
  http: {
    path: 'residents/consents',
    tag: RESIDENTS,
    summary: 'Đồng ý hoặc rút lại đồng ý / Give or withdraw consent',
    description:
      'Rút lại đồng ý hủy khóa dữ liệu của cư dân: thông tin cá nhân trong mọi sự kiện không còn đọc được. Withdrawal destroys the resident’s data key.',
  },
  prepare: { use: ResidentShell, run: sealGivenDetails },
  command: ({ residentKey, given, personal }) =>
    given
      ? { type: 'GiveConsent' as const, residentKey, personal }
      : { type: 'WithdrawConsent' as const, residentKey },
  // Also on a resend: a withdrawal whose key outlived a crash is finished by the retry.
  settle: {
    use: ResidentShell,
    run: async (shell: ResidentShell, input: Input, principal: Principal) => {
      if (!input.given) await shell.destroyKey(principal.commune, input.residentKey);
    },
  },
});
