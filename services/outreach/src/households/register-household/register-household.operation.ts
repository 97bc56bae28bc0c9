import { RESIDENTS } from '../../api-tags';
import { z } from 'zod';
import { containsIdLikeNumber, EntityId, VillageCode } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { RESIDENTS_PROJECTION } from '../../infrastructure/tokens';
import { householdDecider } from '../household.decider';

export const RegisterHouseholdRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    /** Made on the device, so visits can name the household before it syncs. */
    householdId: EntityId,
    villageCode: VillageCode,
    /** The team's short code for the household (e.g. `H-012`); not an address, not a number from an ID card. */
    code: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,20}$/, {
        error:
          'Mã hộ: chữ, số, gạch ngang, tối đa 20 ký tự / Household code: letters, digits, hyphens, up to 20',
      })
      .refine((c) => !containsIdLikeNumber(c), {
        error: 'Mã hộ không được là số giấy tờ / A household code must not be an ID number',
      })
      .nullable()
      .default(null),
  })
  .meta({ id: 'RegisterHouseholdRequest' });

export const registerHousehold = deciderOperation({
  kind: 'register-household',
  // Recorded under this name before the write became declarative: old commands keep their hash.
  commandType: 'RegisterHousehold',
  scope: 'outreach:residents:write',
  input: RegisterHouseholdRequest,
  http: {
    path: 'households',
    tag: RESIDENTS,
    summary: 'Đăng ký hộ gia đình / Register a household',
    description:
      'Mã hộ do điện thoại tạo để lượt thăm có thể nhắc tới hộ trước khi đồng bộ. The device makes the household id, so visits can name it before it syncs.',
  },
  aggregateType: 'household',
  aggregateId: (input) => input.householdId,
  decider: householdDecider,
  command: ({ householdId, villageCode, code }) => ({
    type: 'RegisterHousehold' as const,
    householdId,
    villageCode,
    code,
  }),
  projection: RESIDENTS_PROJECTION,
  result: (input) => ({ householdId: input.householdId }),
});
