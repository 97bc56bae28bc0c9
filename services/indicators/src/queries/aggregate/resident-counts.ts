import { sql, type Kysely } from 'kysely';
import { INDICATORS, mergesOf, type VillageRegister } from '@cnscd/contracts';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { COMMUNE } from '../engine/series';
import { registerOf } from '../values/load-facts';

/** The village a count of `village` belongs to on `day`: the one it was merged into by then, if any. */
function countedIn(register: VillageRegister, village: string, day: string): string {
  let into = village;
  for (const step of mergesOf(register, village)) if (step.on <= day) into = step.into;
  return into;
}

/**
 * The residents each resident indicator counts on `day`, by village (merges applied) and for the
 * commune (`*`), as known at `knownAt` (or now): sums over the aggregate of decision 0012, at the level
 * the commune's counted stage names as known then. No fact is swept.
 */
export async function residentCounts(
  db: Kysely<FactsDatabase>,
  commune: string,
  day: string,
  knownAt?: string,
): Promise<Record<string, Record<string, number>>> {
  const recorded = knownAt ?? '9999-12-31T00:00:00Z';
  const [sums, counted, villages] = await Promise.all([
    db
      .selectFrom('a_delta')
      .select(['indicator', 'level', 'village', sql<number>`sum(delta)::int`.as('n')])
      .where('commune', '=', commune)
      .where('day', '<=', day)
      .where('recorded_at', '<=', recorded)
      .groupBy(['indicator', 'level', 'village'])
      .execute(),
    db
      .selectFrom('f_counted_stage')
      .select(['indicator', 'stage', 'seq'])
      .where('commune', '=', commune)
      .where('recorded_at', '<=', recorded)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('f_village')
      .selectAll()
      .where('commune', '=', commune)
      .where('recorded_at', '<=', recorded)
      .execute(),
  ]);
  const register = registerOf(villages);
  const level = Object.fromEntries(counted.map((c) => [c.indicator, c.stage]));
  const out: Record<string, Record<string, number>> = {};
  for (const def of INDICATORS.filter((d) => d.kind === 'residents')) out[def.id] = { [COMMUNE]: 0 };
  for (const s of sums) {
    const def = INDICATORS.find((d) => d.id === s.indicator)!;
    const stages = def.stages ?? [];
    const chosen = level[def.id] ?? def.defaultStage ?? '';
    if (s.level !== (stages.includes(chosen) ? chosen : stages[0])) continue;
    const village = countedIn(register, s.village, day);
    const counts = out[def.id]!;
    counts[village] = (counts[village] ?? 0) + s.n;
    counts[COMMUNE] = counts[COMMUNE]! + s.n;
  }
  return out;
}
