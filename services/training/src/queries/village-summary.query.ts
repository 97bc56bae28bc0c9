import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Day, VillageCode } from '@cnscd/contracts';
import { TeamFigures } from '../team-reports/team-figures';

// ── Per-village figures for a period (quarterly report) ─────────────────────────────────────────
export const SummaryParams = z.strictObject({ from: Day, to: Day, village: VillageCode.optional() });
export const VillageSummary = z
  .object({
    villageCode: z.string(),
    visits: z.number(),
    activities: z.number(),
    peopleReached: z.number(),
    sessions: z.number(),
    coreSpreaderSessions: z.number(),
    attendance: z.number(),
  })
  .meta({ id: 'VillageSummary' });

/** What the read is asked. */
export class SummaryQuery {
  constructor(
    readonly commune: string,
    readonly params: z.output<typeof SummaryParams>,
  ) {}
}

@Injectable()
export class SummaryHandler {
  constructor(@Inject(TeamFigures) private readonly figures: TeamFigures) {}

  async execute({ commune, params }: SummaryQuery) {
    const byVillage = await this.figures.byVillage(commune, params.from, params.to);
    return Object.entries(byVillage)
      .filter(([v]) => !params.village || v === params.village)
      .map(([villageCode, f]) => ({ villageCode, ...f }))
      .sort((a, b) => a.villageCode.localeCompare(b.villageCode));
  }
}
