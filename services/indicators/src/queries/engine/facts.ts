/**
 * What the indicators are computed from: the facts of every event the projection read, each with the
 * day it took effect. Facts reach the engine already filtered by when they were recorded ("as known
 * on K"), so the engine itself only answers "as of D".
 */
export interface ResidentFacts {
  readonly birthYear: number;
  /** Where the resident lives, from a day on (registration, then moves). */
  readonly residence: readonly { readonly village: string; readonly from: string; readonly seq: number }[];
  /** Confirmations (+1) and retractions (−1) of a stage of an indicator, on the day they happened. */
  readonly adoption: readonly {
    readonly indicator: string;
    readonly stage: string;
    readonly delta: 1 | -1;
    readonly on: string;
    readonly seq: number;
  }[];
}

export interface MerchantFacts {
  /** Opening, moves, closing, reopening: each row changes what it names from a day on. */
  readonly status: readonly {
    readonly from: string;
    readonly seq: number;
    readonly open?: boolean;
    readonly village?: string;
  }[];
  /** Each onboarding's stage changes, by onboarding. */
  readonly onboardings: Readonly<
    Record<string, readonly { readonly on: string; readonly seq: number; readonly stage: string }[]>
  >;
}

export interface PlaceFacts {
  readonly kind: 'street' | 'market';
  readonly villages: readonly string[];
  readonly designation: readonly {
    readonly from: string;
    readonly seq: number;
    readonly designated: boolean;
  }[];
}

export interface DenominatorFact {
  readonly village: string;
  readonly band: string;
  readonly count: number;
  readonly from: string;
  readonly seq: number;
  /** The village ceased to exist: from `from` on it has no estimate (not an estimate of 0). */
  readonly ends?: true;
}

export interface Facts {
  readonly residents: readonly ResidentFacts[];
  readonly merchants: readonly MerchantFacts[];
  readonly places: readonly PlaceFacts[];
  readonly denominators: readonly DenominatorFact[];
  /** Indicator → the stage that counts (the commune's configuration, else the catalog's default). */
  readonly countedStage: Readonly<Record<string, string>>;
}
