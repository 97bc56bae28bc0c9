import { noWork, type WorkFigures } from '@cnscd/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { NotFoundError, READ_MODEL } from '@cnscd/service-kit';
import type { TrainingDatabase } from '../infrastructure/read-model';

export type VillageFigures = Readonly<WorkFigures>;

/** Counts of what was recorded in villages over a period: for team reports and the quarterly report. */
@Injectable()
export class TeamFigures {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<TrainingDatabase>) {}

  async villageOfTeam(commune: string, teamId: string): Promise<string> {
    const team = await this.rm.db
      .selectFrom('teams')
      .select('village_code')
      .where('commune', '=', commune)
      .where('team_id', '=', teamId)
      .executeTakeFirst();
    if (!team) throw new NotFoundError('team');
    return team.village_code;
  }

  async byVillage(commune: string, from: string, to: string): Promise<Record<string, VillageFigures>> {
    const db = this.rm.db;
    const visits = await db
      .selectFrom('village_visits')
      .select(['village_code', sql<number>`count(*)::int`.as('n')])
      .where('commune', '=', commune)
      .where('visited_on', '>=', from)
      .where('visited_on', '<=', to)
      .groupBy('village_code')
      .execute();
    const activities = await db
      .selectFrom('activities')
      .select([sql<string>`unnest(village_codes)`.as('village_code'), 'people_reached'])
      .where('commune', '=', commune)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute();
    const sessions = await db
      .selectFrom('sessions')
      .select([sql<string>`unnest(village_codes)`.as('village_code'), 'attendance_total', 'core_spreaders'])
      .where('commune', '=', commune)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute();
    const out: Record<string, WorkFigures> = {};
    const of = (v: string) => (out[v] ??= noWork());
    for (const v of visits) of(v.village_code).visits += Number(v.n);
    for (const a of activities) {
      of(a.village_code).activities += 1;
      of(a.village_code).peopleReached += a.people_reached;
    }
    for (const s of sessions) {
      of(s.village_code).sessions += 1;
      of(s.village_code).attendance += s.attendance_total;
      if (s.core_spreaders) of(s.village_code).coreSpreaderSessions += 1;
    }
    return out;
  }
}
