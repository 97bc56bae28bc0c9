import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { z } from 'zod';
import { eventVersionIn } from '@cnscd/contracts';
import type { Decider, DomainEvent } from '@cnscd/decider';
import { EventStore, handleCommand } from '@cnscd/event-store';
import type { ProjectionRunner } from '@cnscd/read-model';
import type { Principal } from '../auth/principal';
import { commandContext } from '../http/command-context';
import { RejectedCommandError } from '../problem-details';
import type { ServiceConfig } from '../service/service-config';
import { CLOCK, SERVICE_CONFIG, type Clock } from '../service/tokens';
import type { Operation, OperationResult, RequestHeaders } from './operation';

/** Every command input carries its client-made id and when it happened in the field. */
export interface CommandInput {
  readonly commandId: string;
  readonly occurredAt: string;
}

/**
 * A write that is exactly "load one aggregate → decide → append": the whole use case is this
 * definition. Input schema, permission, which aggregate, how the input becomes the decider's
 * command, and which projection to wait for so the caller can read its own write.
 */
export interface DeciderOperation<
  Input extends CommandInput,
  Cmd,
  State,
  Event extends DomainEvent,
  Extra extends object = object,
> {
  readonly kind: string;
  readonly scope: string;
  readonly input: z.ZodType<Input>;
  readonly aggregateType: string | ((input: Input) => string);
  readonly aggregateId: (input: Input, principal: Principal) => string;
  readonly decider: Decider<Cmd, State, Event>;
  readonly command: (input: Input, principal: Principal, now: Date) => Cmd;
  /** Ids the caller needs back (the merchant id, the onboarding id, …). */
  readonly result?: (input: Input, aggregateId: string) => Extra;
  readonly schemaVersionOf?: (eventType: string) => number;
  /**
   * The name the command's content hash is taken under (default: `kind`). Only for writes that were
   * recorded under another name before they became declarative: a retried old command must still match.
   */
  readonly commandType?: string;
  /** The projection runner token to wait on (read-your-writes). */
  readonly projection?: unknown;
  /**
   * Facts the command needs that the caller does not send (figures from a read model, say): `use`
   * names a provider, `run` returns the input completed. The idempotency content stays the caller's.
   */
  readonly prepare?: {
    readonly use: unknown;
    readonly run: (dependency: never, input: Input, principal: Principal) => Promise<Input>;
  };
}

export class DeciderOperationCommand extends Command<OperationResult> {
  constructor(
    readonly operation: DeciderOperation<CommandInput, unknown, unknown, DomainEvent>,
    readonly principal: Principal,
    readonly input: CommandInput,
    readonly headers: RequestHeaders,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(DeciderOperationCommand)
export class DeciderOperationHandler implements ICommandHandler<DeciderOperationCommand> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly modules: ModuleRef,
  ) {}

  async execute({
    operation: op,
    principal,
    input: sent,
    headers,
  }: DeciderOperationCommand): Promise<OperationResult> {
    const input = op.prepare
      ? await op.prepare.run(
          this.modules.get(op.prepare.use as never, { strict: false }) as never,
          sent,
          principal,
        )
      : sent;
    const aggregateId = op.aggregateId(input, principal);
    const outcome = await handleCommand(this.store, {
      stream: {
        commune: principal.commune,
        context: this.config.name,
        aggregateType: typeof op.aggregateType === 'string' ? op.aggregateType : op.aggregateType(input),
        aggregateId,
      },
      decider: op.decider,
      commandType: op.commandType ?? op.kind,
      command: op.command(input, principal, this.clock.now()),
      content: sent,
      context: commandContext(principal, input.commandId, input.occurredAt, headers),
      schemaVersionOf: op.schemaVersionOf ?? eventVersionIn(this.config.name),
    });
    if (outcome.status === 'rejected') throw new RejectedCommandError(outcome.rejection);
    if (op.projection)
      await this.modules
        .get<ProjectionRunner<unknown>>(op.projection as never, { strict: false })
        .waitFor(outcome.position, 3000);
    return {
      ...op.result?.(input, aggregateId),
      commandId: input.commandId,
      position: outcome.position,
      status: outcome.status,
    };
  }
}

/** Turns a definition into an Operation the runner, batches, NATS and imports all understand. */
export function deciderOperation<
  Input extends CommandInput,
  Cmd,
  State,
  Event extends DomainEvent,
  Extra extends object = object,
>(
  definition: DeciderOperation<Input, Cmd, State, Event, Extra>,
): Operation<Input, OperationResult & Extra> & { readonly definition: typeof definition } {
  return {
    kind: definition.kind,
    scope: definition.scope,
    input: definition.input,
    definition,
    target: (input, principal) => definition.aggregateId(input, principal),
    toCommand: (principal, input, headers) =>
      new DeciderOperationCommand(definition as never, principal, input, headers) as never,
  };
}
