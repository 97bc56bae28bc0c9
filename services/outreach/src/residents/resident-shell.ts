import { Inject, Injectable } from '@nestjs/common';
import type { PersonalDetails, SealedDetails } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import { CLOCK, InputValidationError, READ_MODEL, type Clock, type Principal } from '@cnscd/service-kit';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { ResidentVault } from '../infrastructure/resident-vault';
import type { OutreachSecrets } from '../infrastructure/secrets';
import { RESIDENTS_PROJECTION, SECRETS } from '../infrastructure/tokens';
import { CITIZEN_ID_PROBLEMS, parseCitizenId, type CitizenId } from './citizen-id';
import { residentDecider } from './resident.decider';
import { generatedResidentKey, residentKeyFromCitizenId } from './resident-keys';

/**
 * What resident writes need that a decider may not hold: the commune's key secret (a citizen ID number
 * becomes a key and is forgotten), the vault that seals personal details with the resident's own key. The `prepare` and `settle` steps of the resident operations call it.
 */
@Injectable()
export class ResidentShell {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRETS) private readonly secrets: OutreachSecrets,
    @Inject(ResidentVault) private readonly vault: ResidentVault,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>,
  ) {}

  /** Validates a citizen ID number (never echoing it) and returns what it encodes. */
  citizenId(raw: string): CitizenId {
    const parsed = parseCitizenId(raw, this.clock.now().getUTCFullYear());
    if (typeof parsed === 'string')
      throw new InputValidationError([{ pointer: '#/citizenId', detail: CITIZEN_ID_PROBLEMS[parsed] }]);
    return parsed;
  }

  keyFromCitizenId(commune: string, id: CitizenId): string {
    return residentKeyFromCitizenId(this.secrets.residentKeySecret(commune), id.digits);
  }

  generatedKey(commune: string, householdId: string, commandId: string): string {
    return generatedResidentKey(this.secrets.residentKeySecret(commune), householdId, commandId);
  }

  /** The resident key named by a request: given directly, or derived from a citizen ID number. */
  resolveKey(commune: string, ref: { citizenId?: string; residentKey?: string }): string {
    return ref.residentKey ?? this.keyFromCitizenId(commune, this.citizenId(ref.citizenId!));
  }

  seal(commune: string, residentKey: string, details: PersonalDetails): Promise<SealedDetails> {
    return this.vault.seal(this.rm.db, commune, residentKey, details);
  }

  /** The resident's current personal details, if consent and key still stand. */
  async currentDetails(commune: string, residentKey: string): Promise<PersonalDetails | null> {
    const row = await this.rm.db
      .selectFrom('residents')
      .select('personal')
      .where('commune', '=', commune)
      .where('resident_key', '=', residentKey)
      .executeTakeFirst();
    return row?.personal
      ? this.vault.open(this.rm.db, commune, residentKey, JSON.parse(row.personal) as SealedDetails)
      : null;
  }

  destroyKey(commune: string, residentKey: string): Promise<void> {
    return this.vault.destroy(this.rm.db, commune, residentKey);
  }
}

/** What every resident write shares: the resident's stream, decider and projection, and the key in the answer. */
export const onResident = {
  aggregateType: 'resident',
  aggregateId: (input: { residentKey: string }) => input.residentKey,
  decider: residentDecider,
  projection: RESIDENTS_PROJECTION,
  result: (input: { residentKey: string }) => ({ residentKey: input.residentKey }),
} as const;

/**
 * `prepare` for writes that name the resident by key or by citizen ID: the number becomes the key and
 * is dropped, so the idempotency content (the prepared input) holds the key, never the number.
 */
export const resolvedResident = <I extends { citizenId?: string; residentKey?: string }>() => ({
  use: ResidentShell,
  run: async (shell: ResidentShell, input: I, principal: Principal) => {
    const { citizenId: _dropped, ...rest } = input;
    return { ...rest, residentKey: shell.resolveKey(principal.commune, input) };
  },
  // The key comes from the commune's secret alone: an import of confirmations runs its rows at once.
  readsReadModels: false as const,
});
