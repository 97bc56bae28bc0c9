import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { Day, INDICATOR_IDS, INDICATORS, Instant, VillageCode } from '@cnscd/contracts';
import {
  CLOCK,
  CurrentPrincipal,
  RequireScope,
  parseInput,
  type Clock,
  type Principal,
} from '@cnscd/service-kit';
import { endOfDayInVietnam, vietnamDay } from '../engine/days';
import { COMMUNE } from '../engine/series';
import { FactsStore } from '../facts/facts-store';
import { seriesOf, targetFor, valuesOn } from './indicator-values';
import { loadCommune } from './load-commune';
import { loadFacts } from './load-facts';

/**
 * "As known": `knownOn` (a day: what was recorded by the end of that day in Vietnam) or `knownAt` (an
 * instant, as a submitted report records it). Without either: everything known now.
 */
const Known = { knownOn: Day.optional(), knownAt: Instant.optional() };
const knownFilter = (q: { knownOn?: string; knownAt?: string }) =>
  q.knownAt ? new Date(q.knownAt).toISOString() : q.knownOn ? endOfDayInVietnam(q.knownOn) : undefined;
export const ValuesParams = z.strictObject({ date: Day.optional(), ...Known });
export const SeriesParams = z.strictObject({
  from: Day,
  to: Day,
  grain: z.enum(['day', 'week', 'month', 'quarter']).default('day'),
  indicator: z.enum(INDICATOR_IDS).optional(),
  village: z.union([VillageCode, z.literal('*')]).optional(),
  ...Known,
});

@Controller('v1')
export class IndicatorsHttpController {
  constructor(
    private readonly facts: FactsStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today() {
    return vietnamDay(this.clock.now());
  }

  @Get('indicators')
  @RequireScope('indicators:read')
  async indicators(@CurrentPrincipal() p: Principal) {
    const { facts, targets } = await this.facts.read((db) => loadFacts(db, p.commune));
    return INDICATORS.map((def) => ({
      ...def,
      countedStage: facts.countedStage[def.id] ?? def.defaultStage ?? null,
      targetsByYear: Object.fromEntries(
        [2025, 2026, 2027, 2028, 2029, 2030].map((y) => [y, targetFor(def, COMMUNE, y, targets)]),
      ),
    }));
  }

  /** Every indicator for the commune (`*`) and each village on one day: as of `date`, as known on `knownOn`. */
  @Get('values')
  @RequireScope('indicators:read')
  async values(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const q = parseInput(ValuesParams, query);
    const day = q.date ?? this.today();
    const known = knownFilter(q);
    const loaded = await this.facts.read((db) => loadCommune(db, p.commune, { from: day, to: day }, known));
    return { date: day, knownAt: known ?? null, values: valuesOn(loaded) };
  }

  /** Values between two days at day, week, month or quarter grain. Without filters: all indicators, all villages (the dashboard). */
  @Get('series')
  @RequireScope('indicators:read')
  async series(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const q = parseInput(SeriesParams, query);
    const range = { from: q.from, to: q.to };
    const loaded = await this.facts.read((db) => loadCommune(db, p.commune, range, knownFilter(q)));
    const indicators = INDICATORS.filter((d) => !q.indicator || d.id === q.indicator);
    const villages = q.village ? [q.village] : [COMMUNE, ...loaded.villages];
    return {
      from: q.from,
      to: q.to,
      grain: q.grain,
      knownAt: knownFilter(q) ?? null,
      series: seriesOf(loaded, indicators, villages, q.grain),
    };
  }
}
