import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import {
  ADOPTION_INDICATOR_CODES,
  ADOPTION_STAGES,
  EntityId,
  EVIDENCE_KINDS,
  OccurredAt,
} from '@cnscd/contracts';
import type { Principal } from '@cnscd/service-kit';
import type { Operation, RequestHeaders } from '@cnscd/service-kit';
import { ResidentCommands, type ResidentResult } from '../resident-commands';
import { ResidentRef, exactlyOneResidentRef } from '../resident-ref';

/** A resident reached a stage of an indicator, as confirmed by the calling organisation. */
export const ConfirmAdoptionRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    ...ResidentRef,
    indicator: z.enum(ADOPTION_INDICATOR_CODES),
    stage: z.enum(ADOPTION_STAGES),
    evidence: z.enum(EVIDENCE_KINDS),
  })
  .superRefine(exactlyOneResidentRef)
  .meta({ id: 'ConfirmAdoptionRequest' });
type Input = z.output<typeof ConfirmAdoptionRequest>;

export class ConfirmAdoption extends Command<ResidentResult> {
  constructor(
    readonly principal: Principal,
    readonly input: Input,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

@CommandHandler(ConfirmAdoption)
export class ConfirmAdoptionHandler implements ICommandHandler<ConfirmAdoption> {
  constructor(private readonly residents: ResidentCommands) {}

  execute({ principal, input, headers }: ConfirmAdoption): Promise<ResidentResult> {
    const { indicator, stage, evidence } = input;
    return this.residents.runAdoption(principal, input, headers, (residentKey, by, policy) => ({
      type: 'ConfirmAdoption',
      residentKey,
      indicator,
      stage,
      evidence,
      by,
      policy,
      occurredAt: input.occurredAt,
    }));
  }
}

export const confirmAdoption: Operation<Input, ResidentResult> = {
  kind: 'confirm-adoption',
  scope: 'outreach:adoptions:write',
  input: ConfirmAdoptionRequest,
  toCommand: (principal, input, headers) => new ConfirmAdoption(principal, input, headers),
};
