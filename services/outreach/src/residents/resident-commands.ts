import { Inject, Injectable } from '@nestjs/common';
import { eventVersionIn, type Actor, type PersonalDetails, type SealedDetails } from '@cnscd/contracts';
import { EventStore, handleCommand } from '@cnscd/event-store';
import type { ProjectionRunner, ReadModelDatabase } from '@cnscd/read-model';
import {
  InputValidationError,
  RejectedCommandError,
  commandContext,
  type Principal,
} from '@cnscd/service-kit';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { ResidentVault } from '../infrastructure/resident-vault';
import type { OutreachSecrets } from '../infrastructure/secrets';
import { RESIDENTS_PROJECTION, SECRETS } from '../infrastructure/tokens';
import { CLOCK, READ_MODEL, type Clock } from '@cnscd/service-kit';
import type { OperationResult, RequestHeaders } from '@cnscd/service-kit';
import { CITIZEN_ID_PROBLEMS, parseCitizenId, type CitizenId } from './citizen-id';
import { DEFAULT_ADOPTION_POLICY, type AdoptionPolicy } from './adoption-policy';
import { generatedResidentKey, residentKeyFromCitizenId } from './resident-keys';
import { residentDecider, type ResidentCommand } from './resident.decider';

export interface ResidentResult extends OperationResult {
  readonly residentKey: string;
}

const schemaVersionOf = eventVersionIn('outreach');

/** What every resident command needs from the shell: keys, sealing, the clock, and the load–decide–append loop. */
@Injectable()
export class ResidentCommands {
  readonly policy: AdoptionPolicy = DEFAULT_ADOPTION_POLICY;

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRETS) private readonly secrets: OutreachSecrets,
    @Inject(ResidentVault) private readonly vault: ResidentVault,
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<OutreachDatabase>,
    @Inject(RESIDENTS_PROJECTION) private readonly projection: ProjectionRunner<OutreachDatabase>,
  ) {}

  now(): Date {
    return this.clock.now();
  }

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

  /**
   * For commands that name the resident by key or citizen ID and are decided under the adoption
   * policy: resolves the key, builds the command for the calling organisation, and runs it. The
   * idempotency content holds the key, never the number.
   */
  runAdoption<
    Input extends { citizenId?: string; residentKey?: string; commandId: string; occurredAt: string },
  >(
    principal: Principal,
    input: Input,
    headers: RequestHeaders,
    build: (residentKey: string, by: Actor, policy: AdoptionPolicy) => ResidentCommand,
  ): Promise<ResidentResult> {
    const { citizenId: _dropped, ...rest } = input;
    const residentKey = this.resolveKey(principal.commune, input);
    const by = { organisationId: principal.organisationId, organisationKind: principal.organisationKind };
    return this.run(principal, build(residentKey, by, this.policy), {
      commandId: input.commandId,
      occurredAt: input.occurredAt,
      headers,
      content: { ...rest, residentKey },
    });
  }

  /**
   * load → decide → append on the resident's stream. `content` identifies the command for idempotency:
   * it must hold the resident key, never a citizen ID number (its hash is stored with the events).
   */
  async run(
    principal: Principal,
    command: ResidentCommand,
    meta: { commandId: string; occurredAt: string; headers: RequestHeaders; content: unknown },
  ): Promise<ResidentResult> {
    const outcome = await handleCommand(this.store, {
      stream: {
        commune: principal.commune,
        context: 'outreach',
        aggregateType: 'resident',
        aggregateId: command.residentKey,
      },
      decider: residentDecider,
      commandType: command.type,
      command,
      content: meta.content,
      context: commandContext(principal, meta.commandId, meta.occurredAt, meta.headers),
      schemaVersionOf,
    });
    if (outcome.status === 'rejected') throw new RejectedCommandError(outcome.rejection);
    await this.projection.waitFor(outcome.position, 3000);
    return {
      residentKey: command.residentKey,
      commandId: meta.commandId,
      position: outcome.position,
      status: outcome.status,
    };
  }
}
