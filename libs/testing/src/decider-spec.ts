import { fold, type Decider, type DomainEvent } from '@cnscd/decider';

/**
 * Given/when/then for pure deciders:
 *
 *   spec.given([visitLogged]).when(logVisit).thenRejects('VisitAlreadyLogged');
 */
export function deciderSpec<Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
) {
  return {
    given(events: readonly Event[]) {
      return {
        when(command: Command) {
          const result = decider.decide(command, fold(decider, events));
          return {
            /** The decided events; a given event's `occurredAt` is history, not part of a decision. */
            then(expected: readonly Event[]): void {
              expect(result).toEqual(expected.map(({ type, data }) => ({ type, data })));
            },
            thenRejects(code: string, field?: string): void {
              expect(result).toMatchObject({ kind: 'rejection', code, ...(field ? { field } : {}) });
            },
          };
        },
      };
    },
  };
}
