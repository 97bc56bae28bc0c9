import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { z } from 'zod';
import { Day, EntityId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { CLOCK, READ_MODEL, type Clock } from '@cnscd/service-kit';
import type { TrainingDatabase } from '../infrastructure/read-model';

type Db = ReadModelDatabase<TrainingDatabase>;

// ── Quiet teams: the list the Culture–Society Office acts on ────────────────────────────────────
export const QuietParams = z.strictObject({
  /** No visit, activity or session in this many days before `asOf`. */
  days: z.coerce.number().int().min(1).max(3650).default(30),
  minMembers: z.coerce.number().int().min(1).max(100).default(3),
  /** The day the question is asked about (default: today in Vietnam). */
  asOf: Day.optional(),
});
export const QuietTeam = z
  .object({
    teamId: EntityId,
    villageCode: z.string(),
    villageName: z.string(),
    reasons: z.array(z.enum(['no-recent-work', 'no-leader', 'too-few-members'])),
    lastVisitOn: z.string().nullable(),
    lastActivityOn: z.string().nullable(),
    lastSessionOn: z.string().nullable(),
    members: z.number().int(),
  })
  .meta({ id: 'QuietTeam' });
export type QuietTeam = z.output<typeof QuietTeam>;

/** What the read is asked. */
export class QuietTeamsQuery {
  constructor(
    readonly commune: string,
    readonly params: z.output<typeof QuietParams>,
  ) {}
}

@Injectable()
export class QuietTeamsHandler {
  constructor(
    @Inject(READ_MODEL) private readonly rm: Db,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ commune, params }: QuietTeamsQuery): Promise<QuietTeam[]> {
    const asOf =
      params.asOf ?? new Date(this.clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const since = new Date(Date.parse(`${asOf}T00:00:00Z`) - params.days * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [teams, visits, activities, sessions, memberCounts] = await Promise.all([
      this.rm.db
        .selectFrom('teams')
        .selectAll()
        .where('commune', '=', commune)
        .orderBy('village_code')
        .execute(),
      this.lastVisits(commune, asOf),
      this.lastIn('activities', commune, asOf),
      this.lastIn('sessions', commune, asOf),
      this.membersOn(commune, asOf),
    ]);
    const quiet: QuietTeam[] = [];
    for (const t of teams) {
      const last = {
        lastVisitOn: visits.get(t.village_code) ?? null,
        lastActivityOn: activities.get(t.village_code) ?? null,
        lastSessionOn: sessions.get(t.village_code) ?? null,
      };
      const latest = Object.values(last)
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1);
      const members = memberCounts.get(t.team_id) ?? 0;
      const reasons: QuietTeam['reasons'] = [];
      if (!latest || latest <= since) reasons.push('no-recent-work');
      if (!t.leader_id) reasons.push('no-leader');
      if (members < params.minMembers) reasons.push('too-few-members');
      if (reasons.length)
        quiet.push({
          teamId: t.team_id,
          villageCode: t.village_code,
          villageName: t.village_name,
          reasons,
          ...last,
          members,
        });
    }
    return quiet;
  }

  /** Each village's last door-to-door visit on or before the day. */
  private async lastVisits(commune: string, asOf: string): Promise<Map<string, string | null>> {
    const rows = await this.rm.db
      .selectFrom('village_visits')
      .select(['village_code', sql<string>`max(visited_on)::text`.as('day')])
      .where('commune', '=', commune)
      .where('visited_on', '<=', asOf)
      .groupBy('village_code')
      .execute();
    return new Map(rows.map((r) => [r.village_code, r.day]));
  }

  /** Each village's last activity or session on or before the day (one may name several villages). */
  private async lastIn(table: 'activities' | 'sessions', commune: string, asOf: string) {
    const rows = await this.rm.db
      .selectFrom(table)
      .select([sql<string>`unnest(village_codes)`.as('village_code'), sql<string>`date::text`.as('day')])
      .where('commune', '=', commune)
      .where('date', '<=', asOf)
      .execute();
    const last = new Map<string, string>();
    for (const r of rows)
      if (!last.has(r.village_code) || r.day > last.get(r.village_code)!) last.set(r.village_code, r.day);
    return last;
  }

  /** How many members each team had on the day. */
  private async membersOn(commune: string, asOf: string): Promise<Map<string, number>> {
    const rows = await this.rm.db
      .selectFrom('members')
      .select(['team_id', sql<number>`count(*)::int`.as('n')])
      .where('commune', '=', commune)
      .where('joined_on', '<=', asOf)
      .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', asOf)]))
      .groupBy('team_id')
      .execute();
    return new Map(rows.map((r) => [r.team_id, Number(r.n)]));
  }
}
