import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import {
  ADOPTION_INDICATOR_CODES,
  ADOPTION_STAGES,
  EntityId,
  OccurredAt,
  RETRACTION_REASONS,
  ShortNote,
} from '@cnscd/contracts';
import type { Principal } from '@cnscd/service-kit';
import type { Operation, RequestHeaders } from '@cnscd/service-kit';
import { ResidentCommands, type ResidentResult } from '../resident-commands';
import { ResidentRef, exactlyOneResidentRef } from '../resident-ref';

/** Withdraws a confirmation with a reason; nothing is edited, the history keeps both. */
export const RetractAdoptionRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    ...ResidentRef,
    indicator: z.enum(ADOPTION_INDICATOR_CODES),
    stage: z.enum(ADOPTION_STAGES),
    reason: z.enum(RETRACTION_REASONS),
    note: ShortNote.nullable().default(null),
  })
  .superRefine(exactlyOneResidentRef)
  .meta({ id: 'RetractAdoptionRequest' });
type Input = z.output<typeof RetractAdoptionRequest>;

export class RetractAdoption extends Command<ResidentResult> {
  constructor(
    readonly principal: Principal,
    readonly input: Input,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

@CommandHandler(RetractAdoption)
export class RetractAdoptionHandler implements ICommandHandler<RetractAdoption> {
  constructor(private readonly residents: ResidentCommands) {}

  execute({ principal, input, headers }: RetractAdoption): Promise<ResidentResult> {
    const { indicator, stage, reason, note } = input;
    return this.residents.runAdoption(principal, input, headers, (residentKey, by, policy) => ({
      type: 'RetractAdoption',
      residentKey,
      indicator,
      stage,
      reason,
      note,
      by,
      policy,
    }));
  }
}

export const retractAdoption: Operation<Input, ResidentResult> = {
  kind: 'retract-adoption',
  scope: 'outreach:adoptions:write',
  input: RetractAdoptionRequest,
  toCommand: (principal, input, headers) => new RetractAdoption(principal, input, headers),
};
