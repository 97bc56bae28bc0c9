import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { Day, EntityId, OccurredAt, ResidentKey, VillageCode } from '@cnscd/contracts';
import type { Principal } from '@cnscd/service-kit';
import type { Operation, RequestHeaders } from '@cnscd/service-kit';
import { ResidentCommands, type ResidentResult } from '../resident-commands';

/** The resident counts in the new village from `effectiveDate` on. A new household is kept only with consent. */
export const MoveResidentRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    residentKey: ResidentKey,
    toVillage: VillageCode,
    toHouseholdId: EntityId.optional(),
    effectiveDate: Day,
  })
  .meta({ id: 'MoveResidentRequest' });
type Input = z.output<typeof MoveResidentRequest>;

export class MoveResident extends Command<ResidentResult> {
  constructor(
    readonly principal: Principal,
    readonly input: Input,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

@CommandHandler(MoveResident)
export class MoveResidentHandler implements ICommandHandler<MoveResident> {
  constructor(private readonly residents: ResidentCommands) {}

  async execute({ principal, input, headers }: MoveResident): Promise<ResidentResult> {
    const { residentKey, toHouseholdId } = input;
    const current = toHouseholdId
      ? await this.residents.currentDetails(principal.commune, residentKey)
      : null;
    const personal = toHouseholdId
      ? await this.residents.seal(principal.commune, residentKey, {
          householdId: toHouseholdId,
          sex: current?.sex ?? null,
          name: current?.name ?? null,
          phone: current?.phone ?? null,
        })
      : null;
    return this.residents.run(
      principal,
      {
        type: 'MoveResident',
        residentKey,
        toVillage: input.toVillage,
        effectiveDate: input.effectiveDate,
        personal,
      },
      { commandId: input.commandId, occurredAt: input.occurredAt, headers, content: input },
    );
  }
}

export const moveResident: Operation<Input, ResidentResult> = {
  kind: 'move-resident',
  scope: 'outreach:residents:write',
  input: MoveResidentRequest,
  toCommand: (principal, input, headers) => new MoveResident(principal, input, headers),
};
