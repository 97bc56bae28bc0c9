import { serviceWrites } from '@cnscd/service-kit';
import { issueApiKey } from './keys/issue-api-key/issue-api-key.operation';
import { revokeApiKey } from './keys/revoke-api-key/revoke-api-key.operation';
import { rotateApiKey } from './keys/rotate-api-key/rotate-api-key.operation';
import { registerOrganisation } from './organisations/register-organisation/register-organisation.operation';
import { addUser } from './users/add-user/add-user.operation';
import { changeRole } from './users/change-role/change-role.operation';
import { disableUser } from './users/disable-user/disable-user.operation';
import { enableUser } from './users/enable-user/enable-user.operation';

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
