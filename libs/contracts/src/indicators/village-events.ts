import { z } from 'zod';
import { Day, ShortNote, VillageCode } from '../identifiers';

/** A village's name as the commune writes it, with its kind: "Thôn 1", "Bon Bu Nor", "Tổ dân phố 3". */
export const VillageName = z
  .string()
  .trim()
  .min(2, { error: 'Tên thôn ít nhất 2 ký tự / A village name has at least 2 characters' })
  .max(80, { error: 'Tên thôn tối đa 80 ký tự / A village name has at most 80 characters' });

/** The commune records a village (thôn, bon, tổ dân phố) that exists from `effectiveDate`. */
export const VillageRegisteredV1 = z.object({
  villageCode: VillageCode,
  name: VillageName,
  effectiveDate: Day,
});

/** The village is called `name` from `effectiveDate` on; its code stays. */
export const VillageRenamedV1 = z.object({
  villageCode: VillageCode,
  name: VillageName,
  effectiveDate: Day,
});

/**
 * The village ceases to exist on `effectiveDate`: merged into one successor (its residents, merchants
 * and places count there from that day), split into several (each is moved by hand), or dissolved (none).
 */
export const VillageRetiredV1 = z.object({
  villageCode: VillageCode,
  effectiveDate: Day,
  successors: z.array(VillageCode).max(20),
  reason: ShortNote.pipe(z.string().min(3)),
});
