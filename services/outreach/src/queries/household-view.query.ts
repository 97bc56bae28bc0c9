import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { NotFoundError } from '@cnscd/service-kit';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { READ_MODEL } from '@cnscd/service-kit';
import { residentsWithStages } from './resident-queries';
import { ResidentView } from './resident-view';
import { VisitView, toVisitView } from './visit-view';

export const HouseholdView = z
  .object({
    householdId: EntityId,
    villageCode: z.string(),
    code: z.string().nullable(),
    /** Residents who consented to their household being kept. */
    members: z.array(ResidentView),
    visits: z.array(VisitView),
  })
  .meta({ id: 'Household' });
export type HouseholdView = z.output<typeof HouseholdView>;

/** What the read is asked. */
export class HouseholdViewQuery {
  constructor(
    readonly commune: string,
    readonly householdId: string,
  ) {}
}

@Injectable()
export class HouseholdViewHandler {
  constructor(@Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>) {}

  async execute({ commune, householdId }: HouseholdViewQuery): Promise<HouseholdView> {
    const db = this.rm.db;
    const household = await db
      .selectFrom('households')
      .selectAll()
      .where('commune', '=', commune)
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    const visits = await db
      .selectFrom('visits')
      .selectAll()
      .where('commune', '=', commune)
      .where('household_id', '=', householdId)
      .orderBy('occurred_at', 'desc')
      .execute();
    const members = await residentsWithStages(db, commune, (q) =>
      q.where('household_id', '=', householdId).where('status', '=', 'registered'),
    );
    if (!household && visits.length === 0 && members.length === 0) throw new NotFoundError('household');
    return {
      householdId,
      villageCode: household?.village_code ?? visits[0]?.village_code ?? members[0]!.villageCode,
      code: household?.code ?? null,
      members,
      visits: visits.map(toVisitView),
    };
  }
}
