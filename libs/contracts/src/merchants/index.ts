import type { z } from 'zod';
import * as e from './merchant-events';

export * from './merchant-events';
export * from './onboarding-stages';

type Data<S extends z.ZodType> = z.infer<S>;
export type MerchantRegisteredData = Data<typeof e.MerchantRegisteredV1>;
export type MerchantMovedData = Data<typeof e.MerchantMovedV1>;
export type MerchantClosedData = Data<typeof e.MerchantClosedV1>;
export type MerchantReopenedData = Data<typeof e.MerchantReopenedV1>;
export type OnboardingData = Data<typeof e.MerchantContactedV1>;
export type QrCodeVerifiedData = Data<typeof e.QrCodeVerifiedV1>;
export type QrCodeWithdrawnData = Data<typeof e.QrCodeWithdrawnV1>;
export type StreetRegisteredData = Data<typeof e.StreetRegisteredV1>;
export type MarketRegisteredData = Data<typeof e.MarketRegisteredV1>;
export type MarketFeeCollectionRecordedData = Data<typeof e.MarketFeeCollectionRecordedV1>;
export type EvaluationData = Data<typeof e.Evaluation>;
export type PlaceQualifiedData = Data<typeof e.PlaceQualifiedV1>;
export type PlaceDesignatedData = Data<typeof e.PlaceDesignatedV1>;
export type PlaceDesignationRevokedData = Data<typeof e.PlaceDesignationRevokedV1>;
export type CashlessCriteriaSetData = Data<typeof e.CashlessCriteriaSetV1>;
export type OcopProductAddedData = Data<typeof e.OcopProductAddedV1>;
export type OcopProductListedData = Data<typeof e.OcopProductListedV1>;
export type OcopProductDelistedData = Data<typeof e.OcopProductDelistedV1>;

/**
 * Merchants events other services may consume (indicators 7 and 8), with their current version.
 * Streets and markets share the place events (`PlaceQualified`, `PlaceDesignated`, …); the stream's
 * aggregate type (`street` or `market`) tells which.
 */
export const MerchantsEvents = {
  MerchantRegistered: { version: 1, schema: e.MerchantRegisteredV1 },
  MerchantMoved: { version: 1, schema: e.MerchantMovedV1 },
  MerchantClosed: { version: 1, schema: e.MerchantClosedV1 },
  MerchantReopened: { version: 1, schema: e.MerchantReopenedV1 },
  MerchantContacted: { version: 1, schema: e.MerchantContactedV1 },
  PaymentAccountOpened: { version: 1, schema: e.PaymentAccountOpenedV1 },
  QrCodeIssued: { version: 1, schema: e.QrCodeIssuedV1 },
  QrCodeVerified: { version: 1, schema: e.QrCodeVerifiedV1 },
  QrPaymentsActive: { version: 1, schema: e.QrPaymentsActiveV1 },
  QrCodeWithdrawn: { version: 1, schema: e.QrCodeWithdrawnV1 },
  StreetRegistered: { version: 1, schema: e.StreetRegisteredV1 },
  MarketRegistered: { version: 1, schema: e.MarketRegisteredV1 },
  MarketFeeCollectionRecorded: { version: 1, schema: e.MarketFeeCollectionRecordedV1 },
  PlaceQualified: { version: 1, schema: e.PlaceQualifiedV1 },
  PlaceStoppedQualifying: { version: 1, schema: e.PlaceStoppedQualifyingV1 },
  PlaceDesignated: { version: 1, schema: e.PlaceDesignatedV1 },
  PlaceDesignationRevoked: { version: 1, schema: e.PlaceDesignationRevokedV1 },
  CashlessCriteriaSet: { version: 1, schema: e.CashlessCriteriaSetV1 },
  OcopProductAdded: { version: 1, schema: e.OcopProductAddedV1 },
  OcopProductListed: { version: 1, schema: e.OcopProductListedV1 },
  OcopProductDelisted: { version: 1, schema: e.OcopProductDelistedV1 },
} as const satisfies Record<string, { version: number; schema: z.ZodType }>;
