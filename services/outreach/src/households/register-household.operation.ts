import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { containsIdLikeNumber, EntityId, OccurredAt, OutreachEvents, VillageCode } from '@cnscd/contracts';
import { EventStore, handleCommand } from '@cnscd/event-store';
import type { ProjectionRunner } from '@cnscd/read-model';
import { commandContext, type Principal } from '@cnscd/service-kit';
import { RESIDENTS_PROJECTION } from '../infrastructure/tokens';
import type { Operation, OperationResult, RequestHeaders } from '@cnscd/service-kit';
import { householdDecider } from './household.decider';

export const RegisterHouseholdRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    /** Made on the device, so visits can name the household before it syncs. */
    householdId: EntityId,
    villageCode: VillageCode,
    /** The team's short code for the household (e.g. `H-012`); not an address, not a number from an ID card. */
    code: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,20}$/, {
        error:
          'Mã hộ: chữ, số, gạch ngang, tối đa 20 ký tự / Household code: letters, digits, hyphens, up to 20',
      })
      .refine((c) => !containsIdLikeNumber(c), {
        error: 'Mã hộ không được là số giấy tờ / A household code must not be an ID number',
      })
      .nullable()
      .default(null),
  })
  .meta({ id: 'RegisterHouseholdRequest' });
type Input = z.output<typeof RegisterHouseholdRequest>;
export interface HouseholdResult extends OperationResult {
  readonly householdId: string;
}

export class RegisterHousehold extends Command<HouseholdResult> {
  constructor(
    readonly principal: Principal,
    readonly input: Input,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

@CommandHandler(RegisterHousehold)
export class RegisterHouseholdHandler implements ICommandHandler<RegisterHousehold> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(RESIDENTS_PROJECTION) private readonly projection: ProjectionRunner<unknown>,
  ) {}

  async execute({ principal, input, headers }: RegisterHousehold): Promise<HouseholdResult> {
    const outcome = await handleCommand(this.store, {
      stream: {
        commune: principal.commune,
        context: 'outreach',
        aggregateType: 'household',
        aggregateId: input.householdId,
      },
      decider: householdDecider,
      commandType: 'RegisterHousehold',
      command: {
        type: 'RegisterHousehold',
        householdId: input.householdId,
        villageCode: input.villageCode,
        code: input.code,
      },
      content: input,
      context: commandContext(principal, input.commandId, input.occurredAt, headers),
      schemaVersionOf: () => OutreachEvents.HouseholdRegistered.version,
    });
    if (outcome.status === 'rejected') throw new Error('household registration is never rejected');
    await this.projection.waitFor(outcome.position, 3000);
    return {
      householdId: input.householdId,
      commandId: input.commandId,
      position: outcome.position,
      status: outcome.status,
    };
  }
}

export const registerHousehold: Operation<Input, HouseholdResult> = {
  kind: 'register-household',
  scope: 'outreach:residents:write',
  input: RegisterHouseholdRequest,
  toCommand: (principal, input, headers) => new RegisterHousehold(principal, input, headers),
};
