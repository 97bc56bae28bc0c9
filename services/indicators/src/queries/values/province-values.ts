import type { Kysely } from 'kysely';
import { INDICATORS } from '@cnscd/contracts';
import { COMMUNE } from '../engine/series';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { endOfDayInVietnam } from '../engine/days';
import { valueOf } from './indicator-values';
import { loadCommune } from './load-commune';

/** Every commune of the deployment with a fact: residents or merchants recorded. */
async function communesOf(db: Kysely<FactsDatabase>): Promise<string[]> {
  const [residents, merchants] = await Promise.all([
    db.selectFrom('f_residence').select('commune').distinct().execute(),
    db.selectFrom('f_merchant_status').select('commune').distinct().execute(),
  ]);
  return [...new Set([...residents, ...merchants].map((c) => c.commune))].sort();
}

/** The province on a day (as known on `knownOn`, or now): every commune's values, and their sum. */
export async function provinceValues(db: Kysely<FactsDatabase>, date: string, knownOn?: string) {
  const perCommune = await Promise.all(
    (await communesOf(db)).map(async (commune) => {
      const known = knownOn ? endOfDayInVietnam(knownOn) : undefined;
      const { series, communeName, targets } = await loadCommune(
        db,
        commune,
        { from: date, to: date },
        known,
      );
      return {
        commune,
        name: communeName,
        values: INDICATORS.map((def) => valueOf(def, series, COMMUNE, date, date, targets)),
      };
    }),
  );
  const province = INDICATORS.map((def) => {
    const rows = perCommune.map((c) => c.values.find((v) => v.indicator === def.id)!);
    const numerator = rows.reduce((s, r) => s + r.numerator, 0);
    const denominator = def.kind === 'count' ? null : rows.reduce((s, r) => s + (r.denominator ?? 0), 0);
    const share = denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
    return { indicator: def.id, numerator, denominator, value: def.kind === 'count' ? numerator : share };
  });
  return { date, knownOn: knownOn ?? null, communes: perCommune, province };
}
