import { Controller, Get } from '@nestjs/common';
import {
  ADOPTION_INDICATOR_CODES,
  ADOPTION_STAGES,
  type AdoptionIndicator,
  type AdoptionStage,
} from '@cnscd/contracts';
import { AnyCallerOfTheCommune, CurrentPrincipal, type Principal } from '@cnscd/service-kit';
import { DEFAULT_ADOPTION_POLICY } from '../residents/adoption-policy';

/**
 * Who may confirm which stage of which indicator (the table the adoption decider enforces), and the
 * stages the caller's organisation may confirm: the field app offers only those, and says who confirms
 * the others, instead of letting a volunteer save what the service will refuse.
 */
@Controller('v1')
export class AdoptionPolicyHttpController {
  @Get('adoption-policy')
  @AnyCallerOfTheCommune()
  policy(@CurrentPrincipal() p: Principal) {
    const policy = DEFAULT_ADOPTION_POLICY;
    const yours = Object.fromEntries(
      ADOPTION_INDICATOR_CODES.map((indicator: AdoptionIndicator) => [
        indicator,
        ADOPTION_STAGES.filter((stage: AdoptionStage) =>
          policy[indicator][stage].includes(p.organisationKind as never),
        ),
      ]),
    ) as Record<AdoptionIndicator, AdoptionStage[]>;
    return { policy, yours };
  }
}
