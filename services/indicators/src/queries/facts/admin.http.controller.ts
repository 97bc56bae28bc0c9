import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Day, INDICATORS } from '@cnscd/contracts';
import {
  CurrentPrincipal,
  NotFoundError,
  RequireScope,
  parseInput,
  type Principal,
} from '@cnscd/service-kit';
import { COMMUNE } from '../engine/series';
import { FactsStore } from './facts-store';
import { endOfDayInVietnam } from '../values/indicators.http.controller';
import { valueOf } from '../values/indicator-values';
import { loadFacts } from '../values/load-facts';
import { computeSeries } from '../engine/series';

@Controller('v1')
export class AdminHttpController {
  constructor(private readonly facts: FactsStore) {}

  /** Rebuilds every fact from the event stream into a fresh schema while the current one keeps serving. */
  @Post('admin/rebuilds')
  @HttpCode(202)
  @RequireScope('indicators:admin')
  rebuild() {
    return this.facts.startRebuild();
  }

  @Get('admin/rebuilds/current')
  @RequireScope('indicators:admin')
  progress() {
    const progress = this.facts.progress();
    if (!progress) throw new NotFoundError('rebuild');
    return { ...progress, serving: this.facts.schema };
  }

  /** The province: every commune of the deployment, and their sum. */
  @Get('province/values')
  @RequireScope('indicators:province')
  async province(@CurrentPrincipal() _p: Principal, @Query() query: unknown) {
    const { date, knownOn } = parseInput(z.strictObject({ date: Day, knownOn: Day.optional() }), query);
    const communes = (
      await this.facts.db.selectFrom('f_residence').select('commune').distinct().execute()
    ).map((c) => c.commune);
    const merchants = (
      await this.facts.db.selectFrom('f_merchant_status').select('commune').distinct().execute()
    ).map((c) => c.commune);
    const all = [...new Set([...communes, ...merchants])].sort();
    const perCommune = await Promise.all(
      all.map(async (commune) => {
        const loaded = await loadFacts(
          this.facts.db,
          commune,
          knownOn ? endOfDayInVietnam(knownOn) : undefined,
        );
        const series = computeSeries(loaded.facts, date, date);
        return {
          commune,
          name: loaded.communeName,
          values: INDICATORS.map((def) => valueOf(def, series, COMMUNE, date, date, loaded.targets)),
        };
      }),
    );
    const province = INDICATORS.map((def) => {
      const rows = perCommune.map((c) => c.values.find((v) => v.indicator === def.id)!);
      const numerator = rows.reduce((s, r) => s + r.numerator, 0);
      const denominator = def.kind === 'count' ? null : rows.reduce((s, r) => s + (r.denominator ?? 0), 0);
      return {
        indicator: def.id,
        numerator,
        denominator,
        value:
          def.kind === 'count'
            ? numerator
            : denominator
              ? Math.round((numerator / denominator) * 10_000) / 10_000
              : null,
      };
    });
    return { date, knownOn: knownOn ?? null, communes: perCommune, province };
  }
}
