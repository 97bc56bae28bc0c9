import { z } from 'zod';
import { EntityId, containsIdLikeNumber } from '@cnscd/contracts';

/** Optional personal details: kept only with consent, and only sealed with the resident's own key. */
export const PersonalDetailsInput = {
  householdId: EntityId.optional(),
  sex: z.enum(['female', 'male']).optional(),
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .refine((n) => !containsIdLikeNumber(n), {
      error: 'Họ tên không được chứa số giấy tờ / A name must not contain an ID number',
    })
    .optional(),
  phone: z
    .string()
    .regex(/^(0|\+84)[0-9]{9,10}$/, {
      error: 'Số điện thoại Việt Nam, ví dụ 0912345678 / A Vietnamese phone number, e.g. 0912345678',
    })
    .optional(),
};

export const hasContact = (input: { name?: string; phone?: string }) =>
  input.name !== undefined || input.phone !== undefined;
