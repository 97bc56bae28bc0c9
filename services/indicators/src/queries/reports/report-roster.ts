import type { Kysely } from 'kysely';
import type { FactsDatabase } from '../../infrastructure/read-model';

/** A village's teams and their members on a day. */
export interface VillageRoster {
  teams: number;
  members: number;
}

/**
 * The teams registered by `day` and the members in them on `day` (joined, not left since), per village,
 * as known at `knownAt` (`f_roster`). A member's latest change by day, then by stream order, stands.
 */
export async function rosterOn(
  db: Kysely<FactsDatabase>,
  commune: string,
  day: string,
  knownAt: string,
): Promise<Map<string, VillageRoster>> {
  const rows = await db
    .selectFrom('f_roster')
    .select(['team_id', 'change', 'village', 'member_id', 'on_day', 'seq'])
    .where('commune', '=', commune)
    .where('recorded_at', '<=', knownAt as never)
    .where('on_day', '<=', day as never)
    .execute();
  const dayOf = (r: (typeof rows)[number]) => String(r.on_day).slice(0, 10);
  rows.sort((a, b) => dayOf(a).localeCompare(dayOf(b)) || Number(a.seq) - Number(b.seq));
  const villageOfTeam = new Map<string, string>();
  const inTeam = new Map<string, { team: string; in: boolean }>();
  for (const r of rows) {
    if (r.change === 'team' && r.village) villageOfTeam.set(r.team_id, r.village);
    else if (r.member_id)
      inTeam.set(`${r.team_id} ${r.member_id}`, { team: r.team_id, in: r.change === 'joined' });
  }
  const out = new Map<string, VillageRoster>();
  const of = (village: string) =>
    out.get(village) ?? out.set(village, { teams: 0, members: 0 }).get(village)!;
  for (const village of villageOfTeam.values()) of(village).teams += 1;
  for (const m of inTeam.values()) {
    const village = villageOfTeam.get(m.team);
    if (m.in && village) of(village).members += 1;
  }
  return out;
}
