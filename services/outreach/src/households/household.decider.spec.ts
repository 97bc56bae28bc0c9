import { deciderSpec } from '@cnscd/testing';
import { householdDecider, type HouseholdCommand, type HouseholdEvent } from './household.decider';

const spec = deciderSpec(householdDecider);
const register: HouseholdCommand = {
  type: 'RegisterHousehold',
  householdId: '0b6f8f3e-5a2d-4f0e-8a0b-7c2d1e4f5a6b',
  villageCode: 'thon-1',
  code: 'H-012',
};
const registered: HouseholdEvent = {
  type: 'HouseholdRegistered',
  data: { householdId: register.householdId, villageCode: 'thon-1', code: 'H-012' },
};

describe('registering a household', () => {
  it('records the household in its village with the team’s code', () => {
    spec.given([]).when(register).then([registered]);
  });

  it('keeps the first registration when a second phone registers the same household', () => {
    spec
      .given([registered])
      .when({ ...register, code: 'H-999' })
      .then([]);
  });
});
