// Long: every fact table of the service defined in one place, so the DDL, row types and keys cannot drift.
/**
 * The indicators service's fact tables, each defined once: its columns (in order), its key, and how it is
 * written. The DDL (`createFactSchema`), the Kysely row types (`FactsDatabase`), the idempotency keys and
 * the column arrays of the bulk inserts are all derived from this object, so they cannot disagree.
 */
type PgType = 'text' | 'int' | 'bigint' | 'boolean' | 'date' | 'timestamptz' | 'double precision' | 'text[]';
interface Column {
  readonly type: PgType;
  readonly nullable?: true;
}
interface FactTable {
  readonly columns: Readonly<Record<string, Column>>;
  /** What makes a fact unique: a fact written twice is ignored (idempotent redelivery). Empty: no key. */
  readonly key: readonly string[];
  /**
   * `unnest`: written with one array parameter per column (high volume). `copy`: also loaded by a
   * rebuild with a binary COPY, so its key is a unique index built once the rows are in, not a primary key.
   * `rows`: small, plain multi-row inserts.
   */
  readonly write: 'copy' | 'unnest' | 'rows';
  /**
   * Columns the key's index also carries (`include`), so that a read of a row by its key is answered from
   * the index alone — an index-only scan, no page of the table — once a vacuum has marked the pages.
   */
  readonly keyIncludes?: readonly string[];
  /** Indexed by commune and recorded time, for "as known at K" reads of one commune. */
  readonly byCommune?: true;
  /** Indexed by commune and this column, for the projection to read one entity's facts (decision 0012). */
  readonly byEntity?: 'resident_key' | 'merchant_id';
}

const text = { type: 'text' } as const;
const int = { type: 'int' } as const;
const seq = { type: 'bigint' } as const;
const day = { type: 'date' } as const;
const at = { type: 'timestamptz' } as const;
const bool = { type: 'boolean' } as const;
const texts = { type: 'text[]' } as const;
const nullable = <C extends Column>(c: C) => ({ ...c, nullable: true }) as const;

export const FACT_TABLES = {
  f_residents: {
    columns: { commune: text, resident_key: text, birth_year: int, recorded_at: at },
    key: ['commune', 'resident_key'],
    write: 'unnest',
  },
  f_residence: {
    columns: { commune: text, resident_key: text, village: text, from_day: day, recorded_at: at, seq },
    key: ['seq'],
    write: 'copy',
    byEntity: 'resident_key',
  },
  f_adoption: {
    columns: {
      commune: text,
      resident_key: text,
      indicator: text,
      stage: text,
      delta: int,
      on_day: day,
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'copy',
    byEntity: 'resident_key',
  },
  f_merchant_status: {
    columns: {
      commune: text,
      merchant_id: text,
      from_day: day,
      open: nullable(bool),
      village: nullable(text),
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'copy',
    byEntity: 'merchant_id',
  },
  f_onboarding: {
    columns: {
      commune: text,
      merchant_id: text,
      onboarding_id: text,
      stage: text,
      on_day: day,
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'copy',
    byEntity: 'merchant_id',
  },
  f_places: {
    columns: { commune: text, place_id: text, kind: text, villages: texts, recorded_at: at },
    key: ['commune', 'place_id'],
    write: 'rows',
  },
  f_designation: {
    columns: {
      event_id: text,
      commune: text,
      place_id: text,
      from_day: day,
      designated: bool,
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'rows',
    byCommune: true,
  },
  f_denominator: {
    columns: {
      event_id: text,
      commune: text,
      village: text,
      band: text,
      count: int,
      from_day: day,
      source: text,
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'rows',
    byCommune: true,
  },
  f_counted_stage: {
    columns: { event_id: text, commune: text, indicator: text, stage: text, recorded_at: at, seq },
    key: ['seq'],
    write: 'rows',
  },
  f_target: {
    columns: {
      event_id: text,
      commune: text,
      indicator: text,
      village: nullable(text),
      year: int,
      value: { type: 'double precision' },
      reason: text,
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'rows',
  },
  f_work: {
    columns: {
      event_id: text,
      village: text,
      commune: text,
      kind: text,
      on_day: day,
      people: int,
      recorded_at: at,
    },
    key: ['event_id', 'village'],
    write: 'unnest',
    byCommune: true,
  },
  f_report_notes: {
    columns: {
      event_id: text,
      commune: text,
      report_id: text,
      office: text,
      difficulties: text,
      proposals: text,
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'rows',
  },
  f_report_submission: {
    columns: {
      event_id: text,
      commune: text,
      report_id: text,
      report_date: day,
      known_at: at,
      document_number: nullable(text),
      signer_authority: nullable(text),
      signer_position: nullable(text),
      signer_name: nullable(text),
      recipients: nullable(texts),
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'rows',
  },
  /** The province's decision on each filed version (`decision`: returned, accepted). */
  f_report_review: {
    columns: {
      event_id: text,
      commune: text,
      report_id: text,
      version: int,
      decision: text,
      comment: nullable(text),
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'rows',
  },
  /**
   * The teams roster, event by event (`change`: team — a village's team registered; joined, left — a
   * member, by the day they did): what the quarterly report counts as teams and members on its day.
   */
  f_roster: {
    columns: {
      event_id: text,
      commune: text,
      team_id: text,
      change: text,
      village: nullable(text),
      member_id: nullable(text),
      on_day: day,
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'rows',
  },
  f_commune_names: { columns: { commune: text, name: text }, key: ['commune'], write: 'rows' },
  /**
   * The commune's village register, event by event (`change`: registered, renamed, retired). Every read
   * of a commune reads its register: by commune, not a scan of the province's (1.3 ms at 2,520 rows).
   */
  f_village: {
    columns: {
      event_id: text,
      commune: text,
      village: text,
      change: text,
      name: nullable(text),
      from_day: day,
      successors: texts,
      recorded_at: at,
      seq,
    },
    key: ['seq'],
    write: 'rows',
    byCommune: true,
  },
  /**
   * Decision 0012: from `day` on, the count of (indicator, level, village) changes by `delta`, as learned
   * at `recorded_at` by the event `seq`. A level is a stage (residents or merchants at that stage or
   * above), or `open` for the merchants' denominator. Written by the projection beside the facts
   * (`writeCountChanges`) and by the rebuild (`RebuildChanges`).
   */
  a_delta: {
    columns: {
      commune: text,
      indicator: text,
      level: text,
      village: text,
      day,
      recorded_at: at,
      delta: int,
      seq,
    },
    // No key: its rows are written only for events whose facts were new in the same transaction
    // (`writeFactRows` answers which), so a redelivery adds none, and no index is kept up to date
    // for nothing (at 1,000,000 events it was 98 MB and two seconds of a rebuild).
    key: [],
    write: 'copy',
  },
  /**
   * Decision 0012, the rebuild's work list: the events whose count changes are computed once the facts
   * are in and indexed — residents' late facts and every merchant's fact — written by the rebuild's COPY
   * beside the facts (so its memory does not grow with them), read back in stream order and emptied by
   * its last phase (`RebuildChanges.finish`). Empty in a schema that serves.
   */
  r_late: {
    columns: { kind: text, commune: text, id: text, seq, recorded_at: at },
    key: ['seq'],
    write: 'copy',
  },
  /**
   * Decision 0012, the province's shortcut: a commune's count of (indicator, level) from `day` on (until
   * its next row), counting every change recorded so far — a_delta's running sum over the commune's
   * villages, with a row for each day it has a change. "As of D, as known now" for every commune is one
   * row per (commune, indicator, level), found by the key; "as known at K" still sums a_delta. Kept by
   * the projection beside a_delta (`addToTotals`) and filled by the rebuild from it (`fillTotals`).
   */
  a_total: {
    columns: { commune: text, indicator: text, level: text, day, n: int },
    key: ['commune', 'indicator', 'level', 'day'],
    keyIncludes: ['n'],
    write: 'rows',
  },
  /**
   * Decision 0012, a commune's shortcut: a_total one level down — the count of (indicator, level,
   * village) from `day` on (until its next row), as known now. "As of D, as known now" for a commune is
   * one row per (indicator, level, village), a series one row more per day with a change in its range;
   * "as known at K" still sums a_delta. Kept and filled with a_total (`addToTotals`, `fillTotals`).
   */
  a_village_total: {
    columns: { commune: text, indicator: text, level: text, village: text, day, n: int },
    key: ['commune', 'indicator', 'level', 'village', 'day'],
    keyIncludes: ['n'],
    write: 'rows',
  },
  /**
   * Decision 0012, a commune's reads of today: of each village's running total (a_village_total), its
   * rows from the latest day up to today on — that row and the few dated later (a resident who comes
   * of age on a coming 1 January) — a few rows per count at any size, so the pages a dashboard reads
   * stay in PostgreSQL's cache. Any suffix of the total's rows answers correctly for the days it covers;
   * kept by the projection for each count it changes and filled by the rebuild (`refreshRecent`).
   */
  a_village_recent: {
    columns: { commune: text, indicator: text, level: text, village: text, day, n: int },
    key: ['commune', 'indicator', 'level', 'village', 'day'],
    write: 'rows',
  },
} as const satisfies Record<string, FactTable>;

export type FactTableName = keyof typeof FACT_TABLES;

type TsOf<C extends Column> =
  | (C['type'] extends 'text' | 'date' | 'timestamptz'
      ? string
      : C['type'] extends 'int' | 'double precision'
        ? number
        : C['type'] extends 'bigint'
          ? number | string
          : C['type'] extends 'boolean'
            ? boolean
            : string[])
  | (C['nullable'] extends true ? null : never);

/** A fact table's row as Kysely sees it, from its definition. */
export type FactRow<T extends FactTableName> = RowOf<(typeof FACT_TABLES)[T]['columns']>;
type RowOf<Columns> = {
  -readonly [K in keyof Columns]: Columns[K] extends Column ? TsOf<Columns[K]> : never;
};

/** The tables a rebuild loads with a binary COPY (keyed once the rows are in). */
export const COPY_TABLES = tablesWhere((t) => t.write === 'copy');

/**
 * The columns the engine reads of a table: all but the recording instant, which only filters (in SQL)
 * and whose parsing into a Date cost a tenth of a rebuild's late pass and an eighth of the roll-up.
 */
export const columnsRead = (table: FactTableName): string[] =>
  Object.keys(FACT_TABLES[table].columns).filter((c) => c !== 'recorded_at');

/** The tables read one entity (resident, merchant) at a time, with the column naming it. */
export const BY_ENTITY_TABLES = (Object.entries(FACT_TABLES) as [FactTableName, FactTable][])
  .filter(([, t]) => t.byEntity !== undefined)
  .map(([name, t]) => [name, t.byEntity!] as const);

/** The tables read by commune and recorded time. */
export const BY_COMMUNE_TABLES = tablesWhere((t) => t.byCommune === true);

function tablesWhere(test: (t: FactTable) => boolean): FactTableName[] {
  return (Object.entries(FACT_TABLES) as [FactTableName, FactTable][])
    .filter(([, t]) => test(t))
    .map(([n]) => n);
}

/** `create table` for a fact table in a schema: a bulk (`copy`) table gets its key as an index later. */
export function createTableStatement(schema: string, name: FactTableName): string {
  const table: FactTable = FACT_TABLES[name];
  const columns = Object.entries(table.columns).map(
    ([c, d]) => `${c} ${d.type}${d.nullable ? '' : ' not null'}`,
  );
  const key = table.write === 'copy' ? [] : [primaryKey(name)];
  return `create table if not exists "${schema}".${name} (${[...columns, ...key].join(', ')})`;
}

/** A table's primary key clause: its key, and the columns its index carries beside it. */
export function primaryKey(name: FactTableName): string {
  const table: FactTable = FACT_TABLES[name];
  const includes = table.keyIncludes ? ` include (${table.keyIncludes.join(', ')})` : '';
  return `primary key (${table.key.join(', ')})${includes}`;
}
