import type { FactRow, FactTableName } from './fact-tables';

/**
 * The indicators service's facts: one row per event that changes an indicator, dated by when it took
 * effect (`*_day`) and when the system learned it (`recorded_at`). They live in a versioned schema
 * (`indicators_v1`, `indicators_v2`, …) so a full rebuild can fill a fresh one while the current keeps
 * serving; `public.indicators_schema` names the one in use.
 *
 * `seq` is the event's place in the stream, `position × 100 + index in its commit`: it names the event
 * a fact came from (the event store reads that commit back), so the high-volume tables do not also
 * carry its id — 36 bytes less per row to write on a rebuild and to read on every dashboard query.
 * Each table's columns, key and write path are defined once, in `fact-tables.ts`.
 */
export type FactsDatabase = { [T in FactTableName]: FactRow<T> };

export interface PublicDatabase {
  indicators_schema: { id: number; schema_name: string };
}
