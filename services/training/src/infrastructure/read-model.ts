/** The training service's read-model tables (its own database). */
export interface TrainingDatabase {
  teams: {
    commune: string;
    team_id: string;
    village_code: string;
    village_name: string;
    commune_name: string;
    canonical_zalo: string;
    zalo_name: string | null;
    zalo_conforms: boolean | null;
    zalo_problems: string[];
    leader_id: string | null;
    leader_since: string | null;
    position: number | string;
  };
  members: {
    commune: string;
    team_id: string;
    member_id: string;
    display_name: string;
    affiliation: string;
    joined_on: string;
    left_on: string | null;
    position: number | string;
  };
  activities: {
    commune: string;
    activity_id: string;
    kind: string;
    date: string;
    village_codes: string[];
    topics: string[];
    organisations: string[];
    people_reached: number;
    anniversary: string | null;
  };
  sessions: {
    commune: string;
    session_id: string;
    topics: string[];
    trainer_organisation_id: string;
    place: string;
    date: string;
    village_codes: string[];
    attendance: string;
    attendance_total: number;
    attendees: number;
    core_spreaders: boolean;
  };
  /** Door-to-door visits, mirrored from the outreach service's events (its contract, not its code). */
  village_visits: { commune: string; visit_id: string; village_code: string; visited_on: string };
  team_reports: {
    commune: string;
    report_id: string;
    team_id: string;
    period_from: string;
    period_to: string;
    figures: string;
    difficulties: string;
    proposals: string;
    submitted_at: Date | string;
  };
  /** Members' phone numbers: personal data, kept out of events, erased on request. Not a projection. */
  member_contacts: { commune: string; member_id: string; phone: string };
}
