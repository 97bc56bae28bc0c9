import { commandsHttpController, operationRegistry } from '@cnscd/service-kit';
import { issueApiKey, revokeApiKey, rotateApiKey } from './keys/key-ring.operations';
import { registerOrganisation } from './organisations/organisation.operations';
import { addUser, changeRole, disableUser, enableUser } from './users/user.operations';

/** Every write of the identity service. Not offered over NATS or the offline batch: accounts are managed online. */
export const IDENTITY_OPERATIONS = operationRegistry(
  registerOrganisation as never,
  addUser as never,
  changeRole as never,
  disableUser as never,
  enableUser as never,
  issueApiKey as never,
  revokeApiKey as never,
  rotateApiKey as never,
);

export const CommandsHttpController = commandsHttpController([
  { path: 'organisations', operation: registerOrganisation },
  { path: 'users', operation: addUser, location: (r: Record<string, unknown>) => `/v1/users/${r['userId']}` },
  { path: 'users/roles', operation: changeRole },
  { path: 'users/disablements', operation: disableUser },
  { path: 'users/enablements', operation: enableUser },
  { path: 'api-keys/revocations', operation: revokeApiKey },
] as never);
