/** The outreach service's read-model tables (its own database). */
export interface OutreachDatabase {
  visits: VisitsTable;
  visit_residents: VisitResidentsTable;
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
