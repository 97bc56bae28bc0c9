import { z } from 'zod';
import {
  ADOPTION_INDICATOR_CODES,
  ADOPTION_STAGES,
  ERASURE_REASONS,
  EVIDENCE_KINDS,
  RETRACTION_REASONS,
} from '../adoption';
import { Day, EntityId, FormerVillageCode, ResidentKey, ShortNote, VillageCode } from '../identifiers';

/**
 * Personal details (household, sex, name, phone) sealed with the resident's own data key
 * (AES-256-GCM). Erasing the resident, or a withdrawal of consent, destroys that key: every copy of
 * these details in every event becomes unreadable, while the plain fields keep the counts right.
 */
export const SealedDetails = z.object({
  v: z.literal(1),
  iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  data: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .max(4096),
});
export type SealedDetails = z.infer<typeof SealedDetails>;

/** What a sealed blob holds once opened (never in an event in the clear). */
export const PersonalDetails = z.object({
  householdId: EntityId.nullable(),
  sex: z.enum(['female', 'male']).nullable(),
  name: z.string().max(120).nullable(),
  phone: z.string().max(20).nullable(),
});
export type PersonalDetails = z.infer<typeof PersonalDetails>;

const AdoptionIndicatorCode = z.enum(ADOPTION_INDICATOR_CODES);
const AdoptionStageCode = z.enum(ADOPTION_STAGES);

export const ResidentRegisteredV1 = z.object({
  residentKey: ResidentKey,
  villageCode: VillageCode,
  birthYear: z.number().int().min(1900).max(2100),
  /** `citizen-id`: keyed hash of the CCCD number; `generated`: no number, key tied to the household. */
  identification: z.enum(['citizen-id', 'generated']),
  consent: z.boolean(),
  personal: SealedDetails.nullable(),
});

export const ResidentConsentGivenV1 = z.object({
  residentKey: ResidentKey,
  personal: SealedDetails.nullable(),
});
export const ResidentConsentWithdrawnV1 = z.object({ residentKey: ResidentKey });
export const ResidentPersonalDetailsRecordedV1 = z.object({
  residentKey: ResidentKey,
  personal: SealedDetails,
});

/** The resident counts in `toVillage` from `effectiveDate` (YYYY-MM-DD, Vietnam time) on. */
export const ResidentMovedV1 = z.object({
  residentKey: ResidentKey,
  fromVillage: FormerVillageCode,
  toVillage: VillageCode,
  effectiveDate: Day,
  personal: SealedDetails.nullable(),
});

export const AdoptionStageConfirmedV1 = z.object({
  residentKey: ResidentKey,
  indicator: AdoptionIndicatorCode,
  stage: AdoptionStageCode,
  evidence: z.enum(EVIDENCE_KINDS),
  organisationId: z.string().min(1).max(64),
  organisationKind: z.string().min(1).max(40),
});

/** A confirmation withdrawn; the history keeps both. The resident's stage falls back to the highest one still confirmed. */
export const AdoptionConfirmationRetractedV1 = z.object({
  residentKey: ResidentKey,
  indicator: AdoptionIndicatorCode,
  stage: AdoptionStageCode,
  reason: z.enum(RETRACTION_REASONS),
  note: ShortNote.nullable(),
  organisationId: z.string().min(1).max(64),
});

/** The resident's data key is destroyed; adoption counts are unchanged. */
export const ResidentErasedV1 = z.object({ residentKey: ResidentKey, reason: z.enum(ERASURE_REASONS) });

export const HouseholdRegisteredV1 = z.object({
  householdId: EntityId,
  villageCode: VillageCode,
  /** The team's own short code for the household, e.g. `H-012`; not an address. */
  code: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,20}$/)
    .nullable(),
});

export type ResidentRegisteredData = z.infer<typeof ResidentRegisteredV1>;
export type ResidentConsentGivenData = z.infer<typeof ResidentConsentGivenV1>;
export type ResidentConsentWithdrawnData = z.infer<typeof ResidentConsentWithdrawnV1>;
export type ResidentPersonalDetailsRecordedData = z.infer<typeof ResidentPersonalDetailsRecordedV1>;
export type ResidentMovedData = z.infer<typeof ResidentMovedV1>;
export type AdoptionStageConfirmedData = z.infer<typeof AdoptionStageConfirmedV1>;
export type AdoptionConfirmationRetractedData = z.infer<typeof AdoptionConfirmationRetractedV1>;
export type ResidentErasedData = z.infer<typeof ResidentErasedV1>;
export type HouseholdRegisteredData = z.infer<typeof HouseholdRegisteredV1>;
