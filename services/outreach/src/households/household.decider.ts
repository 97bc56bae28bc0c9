import type { Decider, DomainEvent } from '@cnscd/decider';
import type { HouseholdRegisteredData } from '@cnscd/contracts';

export type HouseholdEvent = DomainEvent<'HouseholdRegistered', HouseholdRegisteredData>;
export type HouseholdCommand = {
  type: 'RegisterHousehold';
  householdId: string;
  villageCode: string;
  code: string | null;
};
export type HouseholdState = { status: 'unknown' } | { status: 'registered'; villageCode: string };

/** A household in a village. Members come from the residents' own events (registration, moves). */
export const householdDecider: Decider<HouseholdCommand, HouseholdState, HouseholdEvent> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (_state, event) => ({ status: 'registered', villageCode: event.data.villageCode }),
  // Registering a household twice (two phones, one house) is not an error: the first one stands.
  decide: (command, state) =>
    state.status === 'registered'
      ? []
      : [
          {
            type: 'HouseholdRegistered',
            data: { householdId: command.householdId, villageCode: command.villageCode, code: command.code },
          },
        ],
};
