import { sql } from 'kysely';

/** A count the aggregate keeps: an indicator at a level (a stage, or `open` for merchants). */
export type Pair = readonly [indicator: string, level: string];

/** The pairs as a list a query selects from, as `p(indicator, level)`. */
export const pairsList = (pairs: readonly Pair[]) =>
  sql<{
    indicator: string;
    level: string;
  }>`(values ${sql.join(pairs.map(([indicator, level]) => sql`(${indicator}::text, ${level}::text)`))})`.as<'p'>(
    sql`p(indicator, level)`,
  );

/** A condition: the row's (indicator, level) is one of the pairs. */
export const atPairs = (pairs: readonly Pair[]) =>
  sql<boolean>`(indicator, level) in (${sql.join(pairs.map(([indicator, level]) => sql`(${indicator}, ${level})`))})`;
