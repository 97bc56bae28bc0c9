import { sql, type Kysely } from 'kysely';
import { INDICATORS } from '@cnscd/contracts';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { COUNTED_DEFS } from '../aggregate/counted-pairs';
import { totalsOn } from '../aggregate/running-totals';
import { OPEN } from '../aggregate/merchant-deltas';
import { endOfDayInVietnam } from '../engine/days';
import { COMMUNE, computeSeries, levelOf } from '../engine/series';
import { valueOf } from './indicator-values';
import { loadProvinceFacts } from './load-facts';

/**
 * Every commune's counts on `date`, as known now from the communes' running totals (one row per
 * commune, indicator and level), or as known at `knownAt` by one sum over the aggregate (decision
 * 0012) grouped by commune, indicator and level. A commune's total needs no village merges.
 */
export async function communeCounts(
  db: Kysely<FactsDatabase>,
  schema: string,
  date: string,
  knownAt?: string,
) {
  const rows = knownAt
    ? await db
        .selectFrom('a_delta')
        .select(['commune', 'indicator', 'level', sql<number>`sum(delta)::int`.as('n')])
        .where('day', '<=', date)
        .where('recorded_at', '<=', knownAt)
        .groupBy(['commune', 'indicator', 'level'])
        .execute()
    : await totalsOn(db, schema, date);
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const own = out.get(r.commune) ?? out.set(r.commune, new Map()).get(r.commune)!;
    own.set(`${r.indicator}#${r.level}`, r.n);
  }
  return out;
}

/**
 * The province on a day (as known on `knownOn`, or now): every commune's values, and their sum. Two
 * round trips in all: the communes' small facts (estimates, places, targets, settings, registers),
 * one query per table, and the counts of every commune (`communeCounts`).
 */
export async function provinceValues(
  db: Kysely<FactsDatabase>,
  schema: string,
  date: string,
  knownOn?: string,
) {
  const known = knownOn ? endOfDayInVietnam(knownOn) : undefined;
  const [facts, counts] = await Promise.all([
    loadProvinceFacts(db, known),
    communeCounts(db, schema, date, known),
  ]);
  const communes = [...new Set([...facts.keys(), ...counts.keys()])].sort();
  const perCommune = communes.map((commune) => {
    const loaded = facts.get(commune);
    const series = computeSeries(
      loaded?.facts ?? { residents: [], merchants: [], places: [], denominators: [], countedStage: {} },
      date,
      date,
    );
    const own = counts.get(commune) ?? new Map<string, number>();
    for (const def of COUNTED_DEFS) {
      const at = (level: string) => own.get(`${def.id}#${level}`) ?? 0;
      const whole = series[def.id]![COMMUNE]!;
      const numerator = Int32Array.of(at(levelOf(def.id, loaded?.facts.countedStage ?? {})));
      const denominator = def.kind === 'merchants' ? Int32Array.of(at(OPEN)) : whole.denominator;
      series[def.id]![COMMUNE] = { ...whole, numerator, denominator };
    }
    return {
      commune,
      name: loaded?.communeName ?? null,
      values: INDICATORS.map((def) => valueOf(def, series, COMMUNE, date, date, loaded?.targets ?? [])),
    };
  });
  const province = INDICATORS.map((def) => {
    const rows = perCommune.map((c) => c.values.find((v) => v.indicator === def.id)!);
    const numerator = rows.reduce((s, r) => s + r.numerator, 0);
    const denominator = def.kind === 'count' ? null : rows.reduce((s, r) => s + (r.denominator ?? 0), 0);
    const share = denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
    return { indicator: def.id, numerator, denominator, value: def.kind === 'count' ? numerator : share };
  });
  return { date, knownOn: knownOn ?? null, communes: perCommune, province };
}
