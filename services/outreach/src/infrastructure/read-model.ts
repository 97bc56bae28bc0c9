/** The outreach service's read-model tables (its own database). */
export interface OutreachDatabase {
  visits: VisitsTable;
  visit_residents: VisitResidentsTable;
  residents: ResidentsTable;
  adoptions: AdoptionsTable;
  households: HouseholdsTable;
  resident_data_keys: ResidentDataKeysTable;
}

export interface VisitsTable {
  visit_id: string;
  commune: string;
  village_code: string;
  household_id: string;
  organisation_id: string;
  team_member_id: string | null;
  logged_by: string;
  topics: string[];
  residents_guided: number;
  follow_up_topics: string[] | null;
  follow_up_due: string | null;
  note: string | null;
  occurred_at: Date | string;
  recorded_at: Date | string;
  position: number | string;
}

export interface VisitResidentsTable {
  visit_id: string;
  resident_key: string;
  commune: string;
  village_code: string;
  occurred_at: Date | string;
}

export interface ResidentsTable {
  commune: string;
  resident_key: string;
  village_code: string;
  /** From the sealed details; null without consent, after withdrawal or erasure. */
  household_id: string | null;
  sex: 'female' | 'male' | null;
  birth_year: number;
  identification: 'citizen-id' | 'generated';
  consent: boolean;
  status: 'registered' | 'erased';
  /** The latest sealed details, opened only for callers allowed to see contact details. */
  personal: string | null;
  registered_at: Date | string;
  moved_on: string | null;
  position: number | string;
}

export interface AdoptionsTable {
  commune: string;
  resident_key: string;
  indicator: string;
  /** Stages with a standing confirmation. */
  stages: string[];
  /** The highest of them, or null after every confirmation was retracted. */
  stage: string | null;
  updated_at: Date | string;
  position: number | string;
}

export interface HouseholdsTable {
  commune: string;
  household_id: string;
  village_code: string;
  code: string | null;
  registered_at: Date | string;
}

/** Not a projection: see ResidentVault. */
export interface ResidentDataKeysTable {
  commune: string;
  resident_key: string;
  wrapped_key: string;
}
