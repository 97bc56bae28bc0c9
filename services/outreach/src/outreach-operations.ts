import { serviceWrites } from '@cnscd/service-kit';
import { registerHousehold } from './households/register-household/register-household.operation';
import { changeConsent } from './residents/change-consent/change-consent.operation';
import { confirmAdoption } from './residents/confirm-adoption/confirm-adoption.operation';
import { eraseResident } from './residents/erase-resident/erase-resident.operation';
import { moveResident } from './residents/move-resident/move-resident.operation';
import { recordPersonalDetails } from './residents/record-personal-details/record-personal-details.operation';
import { registerResident } from './residents/register-resident/register-resident.operation';
import { retractAdoption } from './residents/retract-adoption/retract-adoption.operation';
import { logVisit } from './visits/log-visit/log-visit.operation';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.outreach.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const OUTREACH_WRITES = serviceWrites([
  logVisit,
  registerHousehold,
  registerResident,
  changeConsent,
  recordPersonalDetails,
  moveResident,
  eraseResident,
  confirmAdoption,
  retractAdoption,
]);
export const OUTREACH_OPERATIONS = OUTREACH_WRITES.registry;
export const CommandsHttpController = OUTREACH_WRITES.controller;
