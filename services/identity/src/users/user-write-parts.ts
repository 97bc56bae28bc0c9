import { EntityId, eventVersionIn, IDENTITY_CONTEXT } from '@cnscd/contracts';
import { deterministicUuid } from '@cnscd/event-store';
import { type Principal } from '@cnscd/service-kit';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { IDENTITY_PROJECTION } from '../infrastructure/tokens';
import { userDecider } from './user.decider';

export const schemaVersionOf = eventVersionIn(IDENTITY_CONTEXT);

/** A user's id follows from their commune and username: resending an AddUser makes no second account. */
export const userIdOf = (commune: string, username: string) => deterministicUuid('user', commune, username);

export const UserId = { userId: EntityId };

/** Changes to an existing user, by someone who may manage the user's organisation. */
export const managed = <I extends { userId: string }>() =>
  ({
    aggregateType: 'user',
    decider: userDecider,
    schemaVersionOf,
    projection: IDENTITY_PROJECTION,
    aggregateId: (i: I) => i.userId,
    prepare: {
      use: OrganisationDirectory,
      run: async (d: OrganisationDirectory, input: I, p: Principal) => {
        await d.manageable(p, await d.organisationOfUser(p, input.userId));
        return input;
      },
    },
  }) as const;
