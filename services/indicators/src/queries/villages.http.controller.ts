import { Controller, Get, Inject } from '@nestjs/common';
import { villageNameOn, vietnamDay } from '@cnscd/contracts';
import {
  AnyCallerOfTheCommune,
  CLOCK,
  CurrentPrincipal,
  Villages,
  type Clock,
  type Principal,
} from '@cnscd/service-kit';

@Controller('v1')
export class VillagesHttpController {
  constructor(
    @Inject(Villages) private readonly villages: Villages,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The commune's villages with today's names, the ones merged away included (with their successors):
   * every organisation that writes names villages from this list, so every caller of the commune may read it.
   */
  @Get('villages')
  @AnyCallerOfTheCommune()
  list(@CurrentPrincipal() p: Principal) {
    const today = vietnamDay(this.clock.now());
    return {
      villages: this.villages.list(p.commune).map((v) => ({
        villageCode: v.code,
        name: villageNameOn(v, today),
        since: v.since,
        retiredOn: v.retiredOn,
        successors: v.successors,
        names: v.names,
      })),
    };
  }
}
