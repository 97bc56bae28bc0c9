import { fold, isRejection, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type { AppendTurn } from './append-order';
import { contentHash } from './canonical-hash';
import type { Actor, RecordedEvent, TraceContext } from './envelope';
import type { RecordedCommand } from './command-ids';
import { CommandIdConflictError, WrongExpectedRevisionError, recordedFor } from './errors';
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
  /**
   * Its place among commands run at once that must reach the stream in a given order (a batch's
   * items, `AppendOrder`); the caller finishes the turn however the command ends.
   */
  readonly turn?: AppendTurn;
  /**
   * The command names a record of its own, one no earlier command made (a visit, whose id comes from
   * its command id): the first attempt decides on an empty history and appends expecting none, without
   * reading it. A record that is there after all (a resend) fails that append on its expected revision,
   * and the next attempt reads the history as any command does — it finds the resend's first outcome.
   */
  readonly expectNew?: boolean;
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

/** The conflict answer for an id recorded elsewhere: what the caller may see of that commit. */
async function conflictWith(
  store: EventStore,
  caller: string,
  context: CommandContext,
  known: RecordedCommand,
): Promise<CommandIdConflictError> {
  const commit = await store.readCommit(known.position);
  const first = commit?.events[0];
  return new CommandIdConflictError(
    context.commandId,
    first
      ? recordedFor(caller, known.position, first.metadata.actor.organisationId, commit.events)
      : { position: known.position },
  );
}

const NO_HISTORY = { revision: 0, events: [] as RecordedEvent[] };

const asDomainEvent = <Event extends DomainEvent>(e: RecordedEvent): Event =>
  ({ type: e.type, data: e.data, occurredAt: e.occurredAt }) as unknown as Event;

/**
 * The outcome of a command id already in the aggregate's history: the original one for the same
 * content, a conflict for other content, or null when the id is new here.
 */
function earlierOutcome<Event extends DomainEvent>(
  history: readonly RecordedEvent[],
  commandId: string,
  commandHash: string,
  caller: string,
): CommandOutcome<Event> | null {
  const earlier = history.filter((e) => e.metadata.commandId === commandId);
  if (earlier.length === 0) return null;
  const first = earlier[0]!;
  if (first.metadata.commandHash !== commandHash)
    throw new CommandIdConflictError(
      commandId,
      recordedFor(caller, first.position, first.metadata.actor.organisationId, earlier),
    );
  return {
    status: 'duplicate',
    position: first.position,
    events: earlier.map((e) => ({ type: e.type, data: e.data }) as unknown as Event),
  };
}

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
  const caller = context.actor.organisationId;
  await request.turn?.claim(subjectOf(stream));
  for (let attempt = 1; ; attempt++) {
    // The id's record anywhere in the service (any aggregate, any time), fetched beside the history.
    const [history, known] = await Promise.all([
      attempt === 1 && request.expectNew ? NO_HISTORY : store.readStream(stream),
      attempt === 1 ? store.commandIds?.find(stream.commune, context.commandId) : undefined,
    ]);
    if (known && known.commandHash !== commandHash) throw await conflictWith(store, caller, context, known);
    const earlier = earlierOutcome<Event>(history.events, context.commandId, commandHash, caller);
    if (earlier) return earlier;
    const state = fold(request.decider, history.events.map(asDomainEvent<Event>));
    const decision = request.decider.decide(request.command, state);
    if (isRejection(decision)) return { status: 'rejected', rejection: decision };
    if (decision.length === 0) return { status: 'unchanged', position: history.revision, events: [] };
    try {
      const append = () =>
        store.append(
          stream,
          history.revision,
          decision.map((e) => ({
            type: e.type,
            data: e.data,
            schemaVersion: request.schemaVersionOf?.(e.type) ?? 1,
          })),
          { ...context, commandHash },
        );
      // In a sequence, sent once the earlier commands have sent theirs (`append` sends before it awaits).
      const appending = request.turn ? request.turn.send(append) : append();
      const result = await appending;
      // A concurrent resend won the race: the next pass finds it in the history and returns it.
      if (result.duplicate) continue;
      store.commandIds?.remember(stream.commune, context.commandId, {
        subject: subjectOf(stream),
        commandHash,
        position: result.position,
      });
      return { status: 'appended', position: result.position, events: decision };
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError) || attempt >= attempts) throw err;
      // Not a race when the first attempt did not read: the record was there; read it now.
      if (attempt === 1 && request.expectNew) continue;
      store.stats.retries++;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}
