import { sql } from 'kysely';
import { FACT_TABLES } from '../../infrastructure/fact-tables';

/** The tables of running totals: a row per count and day with a change (decisions 0012, 0021). */
export type TotalsTable = 'a_total' | 'a_village_total' | 'a_village_recent';

/** What identifies a count in a table of running totals: its key without the day. */
export const countKey = (table: TotalsTable): readonly string[] =>
  FACT_TABLES[table].key.filter((c) => c !== 'day');

/** A count key's columns, each prefixed by `alias` when given: `t.commune, t.indicator, …`. */
export const keyColumns = (key: readonly string[], alias?: string) =>
  sql.raw(key.map((c) => (alias ? `${alias}.${c}` : c)).join(', '));

/** `(a.commune, …) = (b.commune, …)`: two rows of the same count. */
export const sameCount = (key: readonly string[], a: string, b: string) =>
  sql`(${keyColumns(key, a)}) = (${keyColumns(key, b)})`;
