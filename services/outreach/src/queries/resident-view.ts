import { z } from 'zod';
import { ADOPTION_INDICATOR_CODES, ADOPTION_STAGES, EntityId, ResidentKey } from '@cnscd/contracts';
import type { Selectable } from 'kysely';
import type { AdoptionsTable, ResidentsTable } from '../infrastructure/read-model';

const Stage = z.enum(ADOPTION_STAGES).nullable();

export const ResidentView = z
  .object({
    residentKey: ResidentKey,
    villageCode: z.string(),
    householdId: EntityId.nullable(),
    /** The team's short code for the household (`H-012`), when the household was registered with one. */
    householdCode: z.string().nullable(),
    birthYear: z.number().int(),
    sex: z.enum(['female', 'male']).nullable(),
    identification: z.enum(['citizen-id', 'generated']),
    consent: z.boolean(),
    status: z.enum(['registered', 'erased']),
    /** The stage reached per indicator (null: not yet, or every confirmation retracted). */
    stages: z.record(z.enum(ADOPTION_INDICATOR_CODES), Stage),
    /** Only for keys allowed to see contact details, and only while consent and data key stand. */
    contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable().optional(),
  })
  .meta({ id: 'Resident' });
export type ResidentView = z.output<typeof ResidentView>;

export function toResidentView(
  row: Selectable<ResidentsTable>,
  adoptions: readonly Selectable<AdoptionsTable>[],
  householdCode: string | null,
): ResidentView {
  const stages = Object.fromEntries(ADOPTION_INDICATOR_CODES.map((i) => [i, null])) as ResidentView['stages'];
  for (const a of adoptions)
    stages[a.indicator as keyof ResidentView['stages']] =
      a.stage as ResidentView['stages'][keyof ResidentView['stages']];
  return {
    residentKey: row.resident_key,
    villageCode: row.village_code,
    householdId: row.household_id,
    householdCode,
    birthYear: row.birth_year,
    sex: row.sex,
    identification: row.identification,
    consent: row.consent,
    status: row.status,
    stages,
  };
}
