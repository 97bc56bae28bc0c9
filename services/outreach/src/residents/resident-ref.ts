import { z } from 'zod';
import { ResidentKey } from '@cnscd/contracts';

/**
 * A resident named by their pseudonymous key, or by their citizen ID number, from which the service
 * derives the key and then forgets the number. Exactly one of the two.
 */
export const ResidentRef = {
  citizenId: z.string().max(32, { error: 'Số CCCD quá dài / Citizen ID too long' }).optional(),
  residentKey: ResidentKey.optional(),
};

export const exactlyOneResidentRef = (
  value: { citizenId?: string; residentKey?: string },
  ctx: z.RefinementCtx,
) => {
  if ((value.citizenId === undefined) === (value.residentKey === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['residentKey'],
      message:
        'Cần đúng một trong hai: residentKey hoặc citizenId / Give exactly one of residentKey or citizenId',
    });
  }
};
