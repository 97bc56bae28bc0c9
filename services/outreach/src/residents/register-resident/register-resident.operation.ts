import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { EntityId, OccurredAt, VillageCode } from '@cnscd/contracts';
import { InputValidationError, RejectedCommandError, type Principal } from '@cnscd/service-kit';
import type { Operation, RequestHeaders } from '@cnscd/service-kit';
import { PersonalDetailsInput, hasContact } from '../personal-details.request';
import { ResidentCommands, type ResidentResult } from '../resident-commands';
import { consentRequired } from '../resident.decider';

export const RegisterResidentRequest = z
  .strictObject({
    commandId: EntityId,
    occurredAt: OccurredAt,
    /** The 12-digit CCCD number, used once to derive the resident key. Omit for children or people who decline. */
    citizenId: z.string().max(32).optional(),
    villageCode: VillageCode,
    /** Required without a citizen ID; with one, it must match the year the number encodes. */
    birthYear: z.number().int().min(1900).max(2100).optional(),
    consent: z.boolean(),
    ...PersonalDetailsInput,
  })
  .superRefine((v, ctx) => {
    if (v.citizenId !== undefined) return;
    if (!v.householdId)
      ctx.addIssue({
        code: 'custom',
        path: ['householdId'],
        message: 'Không có số CCCD thì cần hộ gia đình / Without a citizen ID a household is required',
      });
    if (v.birthYear === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['birthYear'],
        message: 'Không có số CCCD thì cần năm sinh / Without a citizen ID a birth year is required',
      });
  })
  .meta({ id: 'RegisterResidentRequest' });
type Input = z.output<typeof RegisterResidentRequest>;

export class RegisterResident extends Command<ResidentResult> {
  constructor(
    readonly principal: Principal,
    readonly input: Input,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

@CommandHandler(RegisterResident)
export class RegisterResidentHandler implements ICommandHandler<RegisterResident> {
  constructor(private readonly residents: ResidentCommands) {}

  async execute({ principal, input, headers }: RegisterResident): Promise<ResidentResult> {
    const { commune } = principal;
    const { citizenId: raw, ...rest } = input;
    const id = raw === undefined ? null : this.residents.citizenId(raw);
    if (id && rest.birthYear !== undefined && rest.birthYear !== id.birthYear) {
      throw new InputValidationError([
        {
          pointer: '#/birthYear',
          detail: 'Năm sinh không khớp với số CCCD / The birth year does not match the citizen ID',
        },
      ]);
    }
    const residentKey = id
      ? this.residents.keyFromCitizenId(commune, id)
      : this.residents.generatedKey(commune, rest.householdId!, input.commandId);
    if (!rest.consent && hasContact(rest)) throw new RejectedCommandError(consentRequired('consent'));
    const details = {
      householdId: rest.householdId ?? null,
      sex: rest.sex ?? id?.sex ?? null,
      name: rest.name ?? null,
      phone: rest.phone ?? null,
    };
    return this.residents.run(
      principal,
      {
        type: 'RegisterResident',
        residentKey,
        villageCode: rest.villageCode,
        birthYear: id?.birthYear ?? rest.birthYear!,
        identification: id ? 'citizen-id' : 'generated',
        consent: rest.consent,
        personal: rest.consent ? await this.residents.seal(commune, residentKey, details) : null,
        currentYear: this.residents.now().getUTCFullYear(),
      },
      {
        commandId: input.commandId,
        occurredAt: input.occurredAt,
        headers,
        content: { ...rest, residentKey },
      },
    );
  }
}

export const registerResident: Operation<Input, ResidentResult> = {
  kind: 'register-resident',
  scope: 'outreach:residents:write',
  input: RegisterResidentRequest,
  toCommand: (principal, input, headers) => new RegisterResident(principal, input, headers),
};
