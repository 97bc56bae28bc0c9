import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { z } from 'zod';
import { EntityId, OccurredAt, eventVersionIn } from '@cnscd/contracts';
import type { Decider, DomainEvent } from '@cnscd/decider';
import { EventStore, handleCommand, type AppendTurn } from '@cnscd/event-store';
import type { ProjectionRunner } from '@cnscd/read-model';
import type { Principal } from '../auth/principal';
import { commandContext } from '../http/command-context';
import { RejectedCommandError } from '../problem-details';
import type { ServiceConfig } from '../service/service-config';
import { CLOCK, SERVICE_CONFIG, type Clock } from '../service/tokens';
import type { HttpWrite, Operation, OperationResult, RequestHeaders } from './operation';
import { streamCommune } from './stream-commune';
import { writeSlots } from './write-slots';

/** What every write's input schema starts with: the client-made command id, and when it happened in the field. */
export const COMMAND_FIELDS = { commandId: EntityId, occurredAt: OccurredAt };

/** Every command input carries its client-made id and when it happened in the field. */
export interface CommandInput {
  readonly commandId: string;
  readonly occurredAt: string;
}

/** Shell work a write needs from one of the service's providers (`use` names it). */
export interface ShellStep<Args extends unknown[], Out> {
  readonly use: unknown;
  readonly run: (dependency: never, ...args: Args) => Promise<Out>;
  /**
   * `false` when the step reads none of the service's read models (a key derived from a secret, say):
   * in a sequence of writes (`writeSequence`) it then need not wait for the earlier writes' projections.
   */
  readonly readsReadModels?: false;
}

/**
 * A write, whole: "load one aggregate → decide → append", with its input schema, permission, which
 * aggregate, how the input becomes the decider's command, which projection to wait for so the caller
 * can read its own write, and its HTTP route. Every write of every service is one of these; the rules
 * live in the decider, the shell steps (`prepare`, `settle`) only fetch or keep what the decider
 * cannot (secrets, sealed personal data, password hashes).
 */
export interface DeciderOperation<
  Input extends CommandInput,
  Prepared extends CommandInput,
  Cmd,
  State,
  Event extends DomainEvent,
  Extra extends object = object,
> {
  readonly kind: string;
  readonly scope: string;
  readonly input: z.ZodType<Input>;
  /** Its route under `/v1/` and OpenAPI text; a write without one is offered over batch and NATS only. */
  readonly http?: HttpWrite;
  readonly aggregateType: string | ((input: Prepared) => string);
  readonly aggregateId: (input: Prepared, principal: Principal) => string;
  /**
   * The commune whose stream the write goes to: the caller's own (the default), or — only under a scope
   * that reaches every commune of the deployment (`CROSS_COMMUNE_SCOPES`: the province's review of a
   * commune's report) — one the input names; `streamCommune` refuses any other.
   */
  readonly commune?: (input: Prepared, principal: Principal) => string;
  readonly decider: Decider<Cmd, State, Event>;
  /**
   * The command for the decider. `aggregateId` is what `aggregateId` gave: an id derived there (a
   * visit's, from its command id) is not derived twice.
   */
  readonly command: (input: Prepared, principal: Principal, now: Date, aggregateId: string) => Cmd;
  /** Ids the caller needs back (the merchant id, the resident key, …). */
  readonly result?: (input: Prepared, aggregateId: string) => Extra;
  readonly schemaVersionOf?: (eventType: string) => number;
  /**
   * The name the command's content hash is taken under (default: `kind`). Only for writes that were
   * recorded under another name before they became declarative: a retried old command must still match.
   */
  readonly commandType?: string | ((input: Prepared) => string);
  /** The projection runner token to wait on (read-your-writes). */
  readonly projection?: unknown;
  /**
   * Facts the command needs that the caller does not send: figures from a read model, the resident key
   * derived from a citizen ID with the commune's secret, details sealed with the resident's key. Returns
   * the input completed; a refusal here is an input problem, never a rule (rules belong to the decider).
   */
  readonly prepare?: ShellStep<[input: Input, principal: Principal], Prepared>;
  /**
   * What makes two sends "the same command" (default: the input as sent). Must never hold a citizen ID
   * number or a password: its hash is stored with the events.
   */
  readonly content?: (input: Prepared) => unknown;
  /**
   * Work after the events are durable, run on every send including a resend (so a crash between the
   * append and here is finished by the client's retry): destroying a data key, checking a password.
   */
  readonly settle?: ShellStep<
    [input: Prepared, principal: Principal, outcome: OperationResult['status']],
    void
  >;
  /**
   * Each command makes a record of its own (its id derived from the command id, as a visit's): the
   * first attempt appends expecting an empty history instead of reading it — one request to the event
   * store fewer per write; a resend's append fails on the expected revision and is decided again on
   * the history read (`handleCommand`'s `expectNew`).
   */
  readonly recordPerCommand?: true;
  /** What the command is about, for the audit trail of refusals (default: the aggregate id, without `prepare`). */
  readonly target?: (input: Input, principal: Principal) => string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDeciderOperation = DeciderOperation<any, any, any, any, any, any>;

export interface ExecuteOptions {
  readonly readYourWrites?: boolean;
  readonly turn?: AppendTurn;
}

/**
 * The one way a write is carried out, whatever the transport (HTTP, batch, NATS, CSV import): the
 * runner has already checked the scope and the input.
 */
@Injectable()
export class DeciderOperationExecutor {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly modules: ModuleRef,
  ) {}

  /**
   * `readYourWrites: false` (a batch's items): the answer does not wait for the operation's projection;
   * the caller waits once, with `projected`, before anything that reads it. `turn`: the write's place
   * in a sequence run at once (`writeSequence`), whose items hold their write slots already
   * (`runItemsAtOnce`); any other write holds one of the process's `writeSlots` until it is appended,
   * not while it waits for its projection.
   */
  async execute(
    op: AnyDeciderOperation,
    principal: Principal,
    sent: CommandInput,
    headers: RequestHeaders,
    { readYourWrites = true, turn }: ExecuteOptions = {},
  ): Promise<OperationResult> {
    const written = () => this.write(op, principal, sent, headers, turn);
    const { input, aggregateId, outcome } = await (turn ? written() : writeSlots.holding(written));
    if (readYourWrites) await this.projected(op, outcome.position);
    return {
      ...op.result?.(input, aggregateId),
      commandId: input.commandId,
      position: outcome.position,
      status: outcome.status,
    };
  }

  /** Prepares, decides and appends the command, and settles what the append left to do. */
  private async write(
    op: AnyDeciderOperation,
    principal: Principal,
    sent: CommandInput,
    headers: RequestHeaders,
    turn: AppendTurn | undefined,
  ) {
    const input: CommandInput = op.prepare
      ? await op.prepare.run(this.provider(op.prepare.use), sent, principal)
      : sent;
    const aggregateId = op.aggregateId(input, principal);
    const outcome = await handleCommand(this.store, {
      stream: {
        commune: streamCommune(op, input, principal),
        context: this.config.name,
        aggregateType: typeof op.aggregateType === 'string' ? op.aggregateType : op.aggregateType(input),
        aggregateId,
      },
      decider: op.decider,
      commandType: typeof op.commandType === 'function' ? op.commandType(input) : (op.commandType ?? op.kind),
      command: op.command(input, principal, this.clock.now(), aggregateId),
      content: op.content ? op.content(input) : sent,
      context: commandContext(principal, input.commandId, input.occurredAt, headers),
      schemaVersionOf: op.schemaVersionOf ?? eventVersionIn(this.config.name),
      ...(turn ? { turn } : {}),
      ...(op.recordPerCommand ? { expectNew: true } : {}),
    });
    if (outcome.status === 'rejected') throw new RejectedCommandError(outcome.rejection);
    if (op.settle) await op.settle.run(this.provider(op.settle.use), input, principal, outcome.status);
    return { input, aggregateId, outcome };
  }

  /** Read-your-writes: resolves once the operation's projection has applied `position` (at most 3 s). */
  async projected(op: AnyDeciderOperation, position: number): Promise<void> {
    if (op.projection) await this.provider<ProjectionRunner<unknown>>(op.projection).waitFor(position, 3000);
  }

  private provider<T = never>(token: unknown): T {
    return this.modules.get(token as never, { strict: false }) as T;
  }
}

/**
 * Turns a definition into an Operation the runner, batches, NATS and imports all understand. Without
 * `prepare` the decider sees the input as validated; with it, what `prepare` returned (write `prepare`
 * before the functions that read its result, so TypeScript infers its type first).
 */
export function deciderOperation<
  Input extends CommandInput,
  Cmd,
  State,
  Event extends DomainEvent,
  Extra extends object = object,
>(
  definition: DeciderOperation<Input, Input, Cmd, State, Event, Extra> & { readonly prepare?: undefined },
): Operation<Input, OperationResult & Extra>;
export function deciderOperation<
  Input extends CommandInput,
  Prepared extends CommandInput,
  Cmd,
  State,
  Event extends DomainEvent,
  Extra extends object = object,
>(
  definition: DeciderOperation<Input, Prepared, Cmd, State, Event, Extra> & {
    readonly prepare: ShellStep<[input: Input, principal: Principal], Prepared>;
  },
): Operation<Input, OperationResult & Extra>;
export function deciderOperation(definition: AnyDeciderOperation): Operation<CommandInput, OperationResult> {
  const target = definition.target ?? (definition.prepare ? undefined : definition.aggregateId);
  return {
    kind: definition.kind,
    scope: definition.scope,
    input: definition.input,
    ...(definition.http ? { http: definition.http } : {}),
    definition,
    ...(target ? { target } : {}),
  };
}
