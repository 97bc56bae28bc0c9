import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { EntityId, ERASURE_REASONS, OccurredAt, ResidentKey } from '@cnscd/contracts';
import type { Principal } from '@cnscd/service-kit';
import type { Operation, RequestHeaders } from '@cnscd/service-kit';
import { ResidentCommands, type ResidentResult } from '../resident-commands';

/** Erasure on request (PDP Law 91/2025/QH15): the data key is destroyed, adoption counts stay. */
export const EraseResidentRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    residentKey: ResidentKey,
    reason: z.enum(ERASURE_REASONS),
  })
  .meta({ id: 'EraseResidentRequest' });
type Input = z.output<typeof EraseResidentRequest>;

export class EraseResident extends Command<ResidentResult> {
  constructor(
    readonly principal: Principal,
    readonly input: Input,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

@CommandHandler(EraseResident)
export class EraseResidentHandler implements ICommandHandler<EraseResident> {
  constructor(private readonly residents: ResidentCommands) {}

  async execute({ principal, input, headers }: EraseResident): Promise<ResidentResult> {
    const result = await this.residents.run(
      principal,
      { type: 'EraseResident', residentKey: input.residentKey, reason: input.reason },
      { commandId: input.commandId, occurredAt: input.occurredAt, headers, content: input },
    );
    // Also on a resend: if the service stopped between the append and here, the retry finishes the job.
    await this.residents.destroyKey(principal.commune, input.residentKey);
    return result;
  }
}

export const eraseResident: Operation<Input, ResidentResult> = {
  kind: 'erase-resident',
  scope: 'outreach:residents:erase',
  input: EraseResidentRequest,
  toCommand: (principal, input, headers) => new EraseResident(principal, input, headers),
};
