import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { EntityId, OccurredAt, ResidentKey } from '@cnscd/contracts';
import type { Principal } from '@cnscd/service-kit';
import type { Operation, RequestHeaders } from '@cnscd/service-kit';
import { PersonalDetailsInput } from '../personal-details.request';
import { ResidentCommands, type ResidentResult } from '../resident-commands';

/**
 * Consent given (optionally with the details it allows to keep) or withdrawn. Withdrawal destroys the
 * resident's data key: every sealed detail in every event becomes unreadable.
 */
export const ChangeConsentRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    residentKey: ResidentKey,
    given: z.boolean(),
    ...PersonalDetailsInput,
  })
  .meta({ id: 'ChangeConsentRequest' });
type Input = z.output<typeof ChangeConsentRequest>;

export class ChangeConsent extends Command<ResidentResult> {
  constructor(
    readonly principal: Principal,
    readonly input: Input,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

@CommandHandler(ChangeConsent)
export class ChangeConsentHandler implements ICommandHandler<ChangeConsent> {
  constructor(private readonly residents: ResidentCommands) {}

  async execute({ principal, input, headers }: ChangeConsent): Promise<ResidentResult> {
    const { commune } = principal;
    const { residentKey, householdId, sex, name, phone } = input;
    const meta = { commandId: input.commandId, occurredAt: input.occurredAt, headers, content: input };
    if (!input.given) {
      const result = await this.residents.run(principal, { type: 'WithdrawConsent', residentKey }, meta);
      await this.residents.destroyKey(commune, residentKey);
      return result;
    }
    const withDetails = [householdId, sex, name, phone].some((v) => v !== undefined);
    const personal = withDetails
      ? await this.residents.seal(commune, residentKey, {
          householdId: householdId ?? null,
          sex: sex ?? null,
          name: name ?? null,
          phone: phone ?? null,
        })
      : null;
    return this.residents.run(principal, { type: 'GiveConsent', residentKey, personal }, meta);
  }
}

export const changeConsent: Operation<Input, ResidentResult> = {
  kind: 'change-consent',
  scope: 'outreach:residents:write',
  input: ChangeConsentRequest,
  toCommand: (principal, input, headers) => new ChangeConsent(principal, input, headers),
};
