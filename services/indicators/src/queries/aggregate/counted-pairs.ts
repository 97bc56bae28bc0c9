import { sql } from 'kysely';
import { INDICATORS } from '@cnscd/contracts';
import { OPEN } from './merchant-deltas';

/** A count the aggregate keeps: an indicator at a level (a stage, or `open` for merchants). */
export type Pair = readonly [indicator: string, level: string];

/** The indicators the aggregate counts: residents' and merchants' (decision 0012). */
export const COUNTED_DEFS = INDICATORS.filter((def) => def.kind === 'residents' || def.kind === 'merchants');

/** Every count the aggregate keeps: each counted indicator at each stage, and the merchants' `open`. */
export const EVERY_PAIR: readonly Pair[] = COUNTED_DEFS.flatMap((def): Pair[] => [
  ...(def.stages ?? []).map((stage): Pair => [def.id, stage]),
  ...(def.kind === 'merchants' ? [[def.id, OPEN] as const] : []),
]);

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
