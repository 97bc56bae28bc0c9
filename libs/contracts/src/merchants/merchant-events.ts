import { z } from 'zod';
import { containsIdLikeNumber, Day, EntityId, ShortNote, VillageCode } from '../identifiers';

/** Kinds of merchant in the plan's indicator 7. */
export const MERCHANT_KINDS = ['enterprise', 'household-business', 'shop', 'small-trader'] as const;
export const MERCHANT_KIND_LABELS: Record<(typeof MERCHANT_KINDS)[number], { vi: string; en: string }> = {
  enterprise: { vi: 'Doanh nghiệp', en: 'Enterprise' },
  'household-business': { vi: 'Hộ kinh doanh', en: 'Household business' },
  shop: { vi: 'Cửa hàng', en: 'Shop' },
  'small-trader': { vi: 'Tiểu thương, sạp chợ', en: 'Small trader, market stall' },
};

/** A business's public name as on its sign. Owners' personal data is not kept. */
export const BusinessName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((n) => !containsIdLikeNumber(n), {
    error:
      'Tên cơ sở không được chứa số giấy tờ hay số điện thoại / No ID or phone numbers in a business name',
  });
const Stall = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,20}$/)
  .nullable();

export const MerchantRegisteredV1 = z.object({
  merchantId: EntityId,
  kind: z.enum(MERCHANT_KINDS),
  businessName: BusinessName,
  villageCode: VillageCode,
  streetId: EntityId.nullable(),
  marketId: EntityId.nullable(),
  stall: Stall,
  sector: z.string().max(60).nullable(),
  /** The merchant counts in the denominator from this day on. */
  openedOn: Day,
});
/** Where the merchant trades from `effectiveDate` on. */
export const MerchantMovedV1 = z.object({
  merchantId: EntityId,
  villageCode: VillageCode,
  streetId: EntityId.nullable(),
  marketId: EntityId.nullable(),
  stall: Stall,
  effectiveDate: Day,
});
/** Leaves the denominator from `closedOn`. */
export const MerchantClosedV1 = z.object({ merchantId: EntityId, closedOn: Day });
export const MerchantReopenedV1 = z.object({ merchantId: EntityId, reopenedOn: Day });

// ── QR-payment onboarding: one per merchant and payment provider ──────────────────────────────────
const Onboarding = { onboardingId: EntityId, merchantId: EntityId, providerId: z.string().min(1).max(64) };
export const MerchantContactedV1 = z.object(Onboarding);
export const PaymentAccountOpenedV1 = z.object(Onboarding);
export const QrCodeIssuedV1 = z.object(Onboarding);
/** The QR code is posted at the merchant and someone checked it: this is what indicator 7 counts by default. */
export const QrCodeVerifiedV1 = z.object({
  ...Onboarding,
  verifiedBy: z.string().min(1).max(64),
  verifierKind: z.string().min(1).max(40),
});
export const QrPaymentsActiveV1 = z.object(Onboarding);
export const QrCodeWithdrawnV1 = z.object({
  ...Onboarding,
  reason: z.enum(['merchant-request', 'provider-decision', 'merchant-closed', 'other']),
  note: ShortNote.nullable(),
});

// ── Streets and markets ───────────────────────────────────────────────────────────────────────────
const PlaceName = z.string().trim().min(1).max(120);
export const StreetRegisteredV1 = z.object({
  streetId: EntityId,
  name: PlaceName,
  villageCodes: z.array(VillageCode).min(1),
});
export const MarketRegisteredV1 = z.object({ marketId: EntityId, name: PlaceName, villageCode: VillageCode });
export const MarketFeeCollectionRecordedV1 = z.object({
  marketId: EntityId,
  cashless: z.boolean(),
  effectiveDate: Day,
});

/** The figures an evaluation was made on, kept with its outcome so every change can be explained. */
export const Evaluation = z.object({
  openMerchants: z.number().int().min(0).max(1_000_000),
  verifiedMerchants: z.number().int().min(0).max(1_000_000),
  cashlessFees: z.boolean().nullable(),
  criteriaPosition: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export const PlaceQualifiedV1 = z.object({ placeId: EntityId, evaluation: Evaluation });
export const PlaceStoppedQualifyingV1 = z.object({ placeId: EntityId, evaluation: Evaluation });
/** The commune's formal decision; indicator 8 counts designated streets and markets. */
export const PlaceDesignatedV1 = z.object({
  placeId: EntityId,
  decisionNumber: z.string().trim().min(1).max(40),
  decisionDate: Day,
});
export const PlaceDesignationRevokedV1 = z.object({
  placeId: EntityId,
  decisionNumber: z.string().trim().min(1).max(40),
  revokedOn: Day,
});

/** The commune's own definition of "cashless", as data (there is no national one). */
export const CashlessCriteria = z.object({
  /** Which onboarding stage makes a merchant count as accepting QR payment. */
  countedStage: z.enum(['qr-verified', 'active']),
  street: z.object({
    minVerifiedShare: z.number().min(0).max(1),
    minOpenMerchants: z.number().int().min(1).max(10_000),
  }),
  market: z.object({
    minVerifiedShare: z.number().min(0).max(1),
    minOpenMerchants: z.number().int().min(1).max(10_000),
    requireCashlessFees: z.boolean(),
  }),
});
export type CashlessCriteria = z.infer<typeof CashlessCriteria>;
export const CashlessCriteriaSetV1 = z.object({ criteria: CashlessCriteria, reason: ShortNote });

// ── OCOP products on e-commerce ───────────────────────────────────────────────────────────────────
export const OcopProductAddedV1 = z.object({
  merchantId: EntityId,
  productId: EntityId,
  name: z.string().trim().min(1).max(120),
  stars: z.number().int().min(3).max(5),
});
export const OcopProductListedV1 = z.object({
  merchantId: EntityId,
  productId: EntityId,
  platform: z.string().regex(/^[a-z0-9-]{2,40}$/),
  listedOn: Day,
});
export const OcopProductDelistedV1 = z.object({
  merchantId: EntityId,
  productId: EntityId,
  platform: z.string().regex(/^[a-z0-9-]{2,40}$/),
  delistedOn: Day,
});
