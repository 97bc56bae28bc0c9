import type { CashlessCriteria } from '@cnscd/contracts';

export const DEFAULT_CRITERIA: CashlessCriteria = {
  countedStage: 'qr-verified',
  street: { minVerifiedShare: 0.8, minOpenMerchants: 5 },
  market: { minVerifiedShare: 0.8, minOpenMerchants: 10, requireCashlessFees: true },
};

export interface MerchantOnPlace {
  readonly open: boolean;
  /** The best onboarding stage the merchant reached with any provider (null: none, or withdrawn). */
  readonly bestStage: string | null;
}

export interface PlaceCounts {
  readonly openMerchants: number;
  readonly verifiedMerchants: number;
}

const COUNTED: Record<CashlessCriteria['countedStage'], readonly string[]> = {
  'qr-verified': ['qr-verified', 'active'],
  active: ['active'],
};

/** Only open merchants count, and among them those whose QR is at the stage the commune counts. */
export function countPlace(
  merchants: readonly MerchantOnPlace[],
  countedStage: CashlessCriteria['countedStage'],
): PlaceCounts {
  const open = merchants.filter((m) => m.open);
  return {
    openMerchants: open.length,
    verifiedMerchants: open.filter((m) => m.bestStage !== null && COUNTED[countedStage].includes(m.bestStage))
      .length,
  };
}

export interface PlaceAssessment {
  readonly qualifies: boolean;
  /** How many more open merchants with a counted QR the place needs (0 when the share is met). */
  readonly neededVerified: number;
  /** How many more open merchants it needs to be large enough to qualify at all. */
  readonly neededOpen: number;
  readonly feesMissing: boolean;
}

/** Judges a street or market against the commune's criteria. */
export function assessPlace(
  kind: 'street' | 'market',
  counts: PlaceCounts,
  cashlessFees: boolean | null,
  criteria: CashlessCriteria,
): PlaceAssessment {
  const rule = criteria[kind];
  const neededOpen = Math.max(0, rule.minOpenMerchants - counts.openMerchants);
  const requiredVerified = Math.ceil(
    rule.minVerifiedShare * Math.max(counts.openMerchants, rule.minOpenMerchants) - 1e-9,
  );
  const neededVerified = Math.max(0, requiredVerified - counts.verifiedMerchants);
  const feesMissing = kind === 'market' && criteria.market.requireCashlessFees && cashlessFees !== true;
  return {
    qualifies: neededOpen === 0 && neededVerified === 0 && !feesMissing,
    neededVerified,
    neededOpen,
    feesMissing,
  };
}
