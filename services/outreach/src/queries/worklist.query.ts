import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  ADOPTION_INDICATORS,
  ADOPTION_INDICATOR_CODES,
  ADOPTION_STAGES,
  EntityId,
  ResidentKey,
  VillageCode,
} from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { CLOCK, READ_MODEL, type Clock } from '@cnscd/service-kit';
import { stageRank } from '../residents/adoption-policy';

export const WorklistParams = z.strictObject({
  village: VillageCode,
  indicator: z.enum(ADOPTION_INDICATOR_CODES),
  /** The stage to reach; residents at a lower stage (or none) are listed. */
  stage: z.enum(ADOPTION_STAGES).default('active'),
});
export type WorklistParams = z.output<typeof WorklistParams>;

const Person = z.object({
  residentKey: ResidentKey,
  birthYear: z.number().int(),
  sex: z.enum(['female', 'male']).nullable(),
  stage: z.enum(ADOPTION_STAGES).nullable(),
});
export const Worklist = z
  .object({
    village: z.string(),
    indicator: z.enum(ADOPTION_INDICATOR_CODES),
    stage: z.enum(ADOPTION_STAGES),
    /** Only residents old enough to count for the indicator this year (14+, 15+ or 18+). */
    bornInOrBefore: z.number().int(),
    households: z.array(
      z.object({ householdId: EntityId.nullable(), code: z.string().nullable(), residents: z.array(Person) }),
    ),
    followUps: z.array(
      z.object({
        visitId: EntityId,
        householdId: EntityId,
        code: z.string().nullable(),
        topics: z.array(z.string()),
        dueBy: z.string().nullable(),
        visitedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'Worklist' });
export type Worklist = z.output<typeof Worklist>;

/** What the read is asked. */
export class WorklistQuery {
  constructor(
    readonly commune: string,
    readonly params: WorklistParams,
  ) {}
}

/**
 * Tomorrow's round for a team member: in village X, who (by household) has not yet reached stage S
 * of indicator I, and which households were promised a follow-up that nobody has made yet.
 */
@Injectable()
export class WorklistHandler {
  constructor(
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ commune, params }: WorklistQuery): Promise<Worklist> {
    const { village, indicator, stage } = params;
    const bornInOrBefore = this.clock.now().getUTCFullYear() - ADOPTION_INDICATORS[indicator].minAge;
    const [people, followUps] = await Promise.all([
      this.notYetAt(commune, params, bornInOrBefore),
      this.followUpsOwed(commune, village),
    ]);
    return { village, indicator, stage, bornInOrBefore, households: byHousehold(people), followUps };
  }

  /** The village's residents old enough for the indicator who have not reached the stage, by household. */
  private notYetAt(commune: string, { village, indicator, stage }: WorklistParams, bornInOrBefore: number) {
    const below = ADOPTION_STAGES.filter((s) => stageRank(s) < stageRank(stage));
    return this.rm.db
      .selectFrom('residents as r')
      .leftJoin('adoptions as a', (j) =>
        j
          .onRef('a.commune', '=', 'r.commune')
          .onRef('a.resident_key', '=', 'r.resident_key')
          .on('a.indicator', '=', indicator),
      )
      .leftJoin('households as h', (j) =>
        j.onRef('h.commune', '=', 'r.commune').onRef('h.household_id', '=', 'r.household_id'),
      )
      .select(['r.resident_key', 'r.birth_year', 'r.sex', 'r.household_id', 'h.code', 'a.stage'])
      .where('r.commune', '=', commune)
      .where('r.village_code', '=', village)
      .where('r.status', '=', 'registered')
      .where('r.birth_year', '<=', bornInOrBefore)
      .where((eb) =>
        below.length
          ? eb.or([eb('a.stage', 'is', null), eb('a.stage', 'in', below)])
          : eb('a.stage', 'is', null),
      )
      .orderBy('h.code')
      .orderBy('r.household_id')
      .orderBy('r.birth_year')
      .execute();
  }

  /** Households promised a follow-up that nobody has made yet: no later visit to the same household. */
  private async followUpsOwed(commune: string, village: string): Promise<Worklist['followUps']> {
    const rows = await this.rm.db
      .selectFrom('visits as v')
      .leftJoin('households as h', (j) =>
        j.onRef('h.commune', '=', 'v.commune').onRef('h.household_id', '=', 'v.household_id'),
      )
      .select([
        'v.visit_id',
        'v.household_id',
        'h.code',
        'v.follow_up_topics',
        'v.follow_up_due',
        'v.occurred_at',
      ])
      .where('v.commune', '=', commune)
      .where('v.village_code', '=', village)
      .where('v.follow_up_topics', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('visits as later')
              .select(sql`1`.as('one'))
              .whereRef('later.commune', '=', 'v.commune')
              .whereRef('later.household_id', '=', 'v.household_id')
              .whereRef('later.occurred_at', '>', 'v.occurred_at'),
          ),
        ),
      )
      .orderBy('v.follow_up_due')
      .orderBy('v.occurred_at')
      .execute();
    return rows.map((f) => ({
      visitId: f.visit_id,
      householdId: f.household_id,
      code: f.code,
      topics: f.follow_up_topics ?? [],
      dueBy: f.follow_up_due,
      visitedAt: new Date(f.occurred_at).toISOString(),
    }));
  }
}

type Person = Awaited<ReturnType<WorklistHandler['notYetAt']>>[number];

function byHousehold(people: readonly Person[]): Worklist['households'] {
  const households = new Map<string, Worklist['households'][number]>();
  for (const p of people) {
    const key = p.household_id ?? '';
    if (!households.has(key))
      households.set(key, { householdId: p.household_id, code: p.code, residents: [] });
    households.get(key)!.residents.push({
      residentKey: p.resident_key,
      birthYear: p.birth_year,
      sex: p.sex,
      stage: p.stage as Worklist['stage'] | null,
    });
  }
  return [...households.values()];
}
