/**
 * The indicators service's facts: one row per event that changes an indicator, dated by when it took
 * effect (`*_day`) and when the system learned it (`recorded_at`). They live in a versioned schema
 * (`indicators_v1`, `indicators_v2`, …) so a full rebuild can fill a fresh one while the current keeps
 * serving; `public.indicators_schema` names the one in use.
 *
 * `seq` is the event's place in the stream, `position × 100 + index in its commit`: it names the event
 * a fact came from (the event store reads that commit back), so the high-volume tables do not also
 * carry its id — 36 bytes less per row to write on a rebuild and to read on every dashboard query.
 */
export interface FactsDatabase {
  f_residents: { commune: string; resident_key: string; birth_year: number; recorded_at: string };
  f_residence: {
    commune: string;
    resident_key: string;
    village: string;
    from_day: string;
    recorded_at: string;
    seq: number | string;
  };
  f_adoption: {
    commune: string;
    resident_key: string;
    indicator: string;
    stage: string;
    delta: number;
    on_day: string;
    recorded_at: string;
    seq: number | string;
  };
  f_merchant_status: {
    commune: string;
    merchant_id: string;
    from_day: string;
    open: boolean | null;
    village: string | null;
    recorded_at: string;
    seq: number | string;
  };
  f_onboarding: {
    commune: string;
    merchant_id: string;
    onboarding_id: string;
    stage: string;
    on_day: string;
    recorded_at: string;
    seq: number | string;
  };
  f_places: { commune: string; place_id: string; kind: string; villages: string[]; recorded_at: string };
  f_designation: {
    event_id: string;
    commune: string;
    place_id: string;
    from_day: string;
    designated: boolean;
    recorded_at: string;
    seq: number | string;
  };
  f_denominator: {
    event_id: string;
    commune: string;
    village: string;
    band: string;
    count: number;
    from_day: string;
    source: string;
    recorded_at: string;
    seq: number | string;
  };
  f_counted_stage: {
    event_id: string;
    commune: string;
    indicator: string;
    stage: string;
    recorded_at: string;
    seq: number | string;
  };
  f_target: {
    event_id: string;
    commune: string;
    indicator: string;
    village: string | null;
    year: number;
    value: number;
    reason: string;
    recorded_at: string;
    seq: number | string;
  };
  f_work: {
    event_id: string;
    village: string;
    commune: string;
    kind: string;
    on_day: string;
    people: number;
    recorded_at: string;
  };
  f_report_notes: {
    event_id: string;
    commune: string;
    report_id: string;
    office: string;
    difficulties: string;
    proposals: string;
    recorded_at: string;
    seq: number | string;
  };
  f_report_submission: {
    event_id: string;
    commune: string;
    report_id: string;
    report_date: string;
    known_at: string;
    recorded_at: string;
  };
  f_commune_names: { commune: string; name: string };
  /** The commune's village register, event by event (`change`: registered, renamed, retired). */
  f_village: {
    event_id: string;
    commune: string;
    village: string;
    change: string;
    name: string | null;
    from_day: string;
    successors: string[];
    recorded_at: string;
    seq: number | string;
  };
}

export interface PublicDatabase {
  indicators_schema: { id: number; schema_name: string };
}
