import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { NotFoundError, READ_MODEL } from '@cnscd/service-kit';
import type { TrainingDatabase } from '../infrastructure/read-model';

type Db = ReadModelDatabase<TrainingDatabase>;

// ── Teams ───────────────────────────────────────────────────────────────────────────────────────
export const TeamView = z
  .object({
    teamId: EntityId,
    villageCode: z.string(),
    villageName: z.string(),
    leader: z
      .object({ memberId: EntityId, displayName: z.string(), since: z.string().nullable() })
      .nullable(),
    members: z.array(
      z.object({
        memberId: EntityId,
        displayName: z.string(),
        affiliation: z.string(),
        joinedOn: z.string(),
        leftOn: z.string().nullable(),
      }),
    ),
    zalo: z.object({
      canonical: z.string(),
      actual: z.string().nullable(),
      conforms: z.boolean().nullable(),
      problems: z.array(z.string()),
    }),
  })
  .meta({ id: 'Team' });
export type TeamView = z.output<typeof TeamView>;

/** What the read is asked. */
export class TeamsQuery {
  constructor(
    readonly commune: string,
    readonly teamId?: string,
  ) {}
}

@Injectable()
export class TeamsHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: Db) {}

  async execute({ commune, teamId }: TeamsQuery): Promise<TeamView[]> {
    let q = this.rm.db.selectFrom('teams').selectAll().where('commune', '=', commune);
    if (teamId) q = q.where('team_id', '=', teamId);
    const teams = await q.orderBy('village_code').execute();
    if (teamId && teams.length === 0) throw new NotFoundError('team');
    const members = teams.length
      ? await this.rm.db
          .selectFrom('members')
          .selectAll()
          .where('commune', '=', commune)
          .where(
            'team_id',
            'in',
            teams.map((t) => t.team_id),
          )
          .orderBy('joined_on')
          .execute()
      : [];
    return teams.map((t) => {
      const own = members.filter((m) => m.team_id === t.team_id);
      const leader = own.find((m) => m.member_id === t.leader_id);
      return {
        teamId: t.team_id,
        villageCode: t.village_code,
        villageName: t.village_name,
        leader: leader
          ? { memberId: leader.member_id, displayName: leader.display_name, since: t.leader_since }
          : null,
        members: own.map((m) => ({
          memberId: m.member_id,
          displayName: m.display_name,
          affiliation: m.affiliation,
          joinedOn: m.joined_on,
          leftOn: m.left_on,
        })),
        zalo: {
          canonical: t.canonical_zalo,
          actual: t.zalo_name,
          conforms: t.zalo_conforms,
          problems: t.zalo_problems,
        },
      };
    });
  }
}
