import { fold, isRejection, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import { contentHash } from './canonical-hash';
import type { Actor, RecordedEvent, TraceContext } from './envelope';
import { CommandIdConflictError, WrongExpectedRevisionError } from './errors';
import type { EventStore } from './event-store';
import { subjectOf, type StreamRef } from './stream-ref';

/** Who sent a command, and the ids that make it idempotent and traceable. Filled by the shell. */
export interface CommandContext {
  readonly commandId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  readonly trace?: TraceContext;
  /** When it happened in the field. */
  readonly occurredAt: string;
}

export interface CommandRequest<Command, State, Event extends DomainEvent> {
  readonly stream: StreamRef;
  readonly decider: Decider<Command, State, Event>;
  readonly commandType: string;
  readonly command: Command;
  /**
   * The content that makes two sends "the same command". Defaults to the command; pass the
   * client's input when the command also holds server-filled values (a clock reading, say).
   */
  readonly content?: unknown;
  readonly context: CommandContext;
  readonly schemaVersionOf?: (eventType: string) => number;
  readonly maxAttempts?: number;
}

export type CommandOutcome<Event extends DomainEvent> =
  | {
      readonly status: 'appended' | 'duplicate';
      readonly position: number;
      readonly events: readonly Event[];
    }
  /** Decided, and nothing needed to change (for example a second confirmation of a reached stage). */
  | { readonly status: 'unchanged'; readonly position: number; readonly events: readonly [] }
  | { readonly status: 'rejected'; readonly rejection: Rejection };

const asDomainEvent = <Event extends DomainEvent>(e: RecordedEvent): Event =>
  ({ type: e.type, data: e.data }) as unknown as Event;

/**
 * load → decide → append with the expected revision → on a lost race, load and decide again.
 * A command id already in the aggregate's history returns the original outcome (days later too).
 */
export async function handleCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  request: CommandRequest<Command, State, Event>,
): Promise<CommandOutcome<Event>> {
  const { stream, context } = request;
  const commandHash = contentHash({
    type: request.commandType,
    stream: subjectOf(stream),
    organisation: context.actor.organisationId,
    content: request.content ?? request.command,
  });
  const attempts = request.maxAttempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(stream);
    const earlier = history.events.filter((e) => e.metadata.commandId === context.commandId);
    if (earlier.length > 0) {
      if (earlier[0]!.metadata.commandHash !== commandHash)
        throw new CommandIdConflictError(context.commandId, {
          position: earlier[0]!.position,
          events: earlier.map((e) => ({ type: e.type, data: e.data })),
        });
      return {
        status: 'duplicate',
        position: earlier[0]!.position,
        events: earlier.map(asDomainEvent<Event>),
      };
    }
    const state = fold(request.decider, history.events.map(asDomainEvent<Event>));
    const decision = request.decider.decide(request.command, state);
    if (isRejection(decision)) return { status: 'rejected', rejection: decision };
    if (decision.length === 0) return { status: 'unchanged', position: history.revision, events: [] };
    try {
      const result = await store.append(
        stream,
        history.revision,
        decision.map((e) => ({
          type: e.type,
          data: e.data,
          schemaVersion: request.schemaVersionOf?.(e.type) ?? 1,
        })),
        { ...context, commandHash },
      );
      // A concurrent resend won the race: the next pass finds it in the history and returns it.
      if (result.duplicate) continue;
      return { status: 'appended', position: result.position, events: decision };
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError) || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}
