import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Day } from '@cnscd/contracts';
import {
  CurrentPrincipal,
  NotFoundError,
  RequireScope,
  parseInput,
  type Principal,
} from '@cnscd/service-kit';
import { FactsStore } from './facts-store';
import { provinceValues } from '../values/province-values';

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
  province(@CurrentPrincipal() _p: Principal, @Query() query: unknown) {
    const { date, knownOn } = parseInput(z.strictObject({ date: Day, knownOn: Day.optional() }), query);
    return this.facts.read((db, schema) => provinceValues(db, schema, date, knownOn));
  }
}
