/** The merchants service's read-model tables (its own database). */
export interface MerchantsDatabase {
  merchants: {
    commune: string;
    merchant_id: string;
    kind: string;
    business_name: string;
    village_code: string;
    street_id: string | null;
    market_id: string | null;
    stall: string | null;
    sector: string | null;
    status: 'open' | 'closed';
    opened_on: string;
    closed_on: string | null;
    position: number | string;
  };
  onboardings: {
    commune: string;
    onboarding_id: string;
    merchant_id: string;
    provider_id: string;
    stage: string;
    verified_by: string | null;
    updated_at: Date | string;
    position: number | string;
  };
  places: {
    commune: string;
    place_id: string;
    kind: 'street' | 'market';
    name: string;
    village_codes: string[];
    cashless_fees: boolean | null;
    qualified: boolean;
    designation: string | null;
    decision_date: string | null;
    position: number | string;
  };
  cashless_criteria: { commune: string; criteria: string; position: number | string };
  ocop_products: { commune: string; product_id: string; merchant_id: string; name: string; stars: number };
  ocop_listings: {
    commune: string;
    product_id: string;
    platform: string;
    listed_on: string;
    delisted_on: string | null;
  };
  /** Places whose figures changed since they were last judged; the evaluator drains it. */
  places_to_evaluate: { commune: string; place_id: string; mark: number | string };
}
