import type { Rejection } from './rejection';

/** What a decision produces: a past-tense fact. `type` equals the event's type name. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  /**
   * When it happened (ISO 8601), for a recorded event: a decision about a fact that arrives late (a
   * backlog, an offline phone) compares with what was in effect on its own date, not in recording order.
   */
  readonly occurredAt?: string;
}

/**
 * One aggregate's behaviour as three pure functions (docs/mission/ARCHITECTURE.md §3, STYLE §2).
 * No clock, no random ids, no I/O: time and ids arrive inside the command.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => readonly Event[] | Rejection;
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** Exhaustiveness check for `switch` over a union: a new case that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
