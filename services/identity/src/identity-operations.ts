import { serviceWrites } from '@cnscd/service-kit';
import { issueApiKey, revokeApiKey, rotateApiKey } from './keys/key-ring.operations';
import { registerOrganisation } from './organisations/organisation.operations';
import { addUser, changeRole, disableUser, enableUser } from './users/user.operations';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.identity.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const IDENTITY_WRITES = serviceWrites([
  registerOrganisation,
  addUser,
  changeRole,
  disableUser,
  enableUser,
  issueApiKey,
  revokeApiKey,
  rotateApiKey,
]);
export const IDENTITY_OPERATIONS = IDENTITY_WRITES.registry;
export const CommandsHttpController = IDENTITY_WRITES.controller;
