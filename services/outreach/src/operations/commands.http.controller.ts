import { commandsHttpController } from '@cnscd/service-kit';
import { registerHousehold } from '../households/register-household.operation';
import { changeConsent } from '../residents/change-consent/change-consent.operation';
import { confirmAdoption } from '../residents/confirm-adoption/confirm-adoption.operation';
import { eraseResident } from '../residents/erase-resident/erase-resident.operation';
import { moveResident } from '../residents/move-resident/move-resident.operation';
import { registerResident } from '../residents/register-resident/register-resident.operation';
import { retractAdoption } from '../residents/retract-adoption/retract-adoption.operation';
import { logVisit } from '../visits/log-visit/log-visit.operation';

/** The outreach writes over HTTP: each route runs one operation. */
export const CommandsHttpController = commandsHttpController([
  { path: 'visits', operation: logVisit, location: (r) => `/v1/visits/${r['visitId']}` },
  { path: 'households', operation: registerHousehold },
  { path: 'residents', operation: registerResident },
  { path: 'residents/consents', operation: changeConsent },
  { path: 'residents/moves', operation: moveResident },
  { path: 'residents/erasures', operation: eraseResident },
  { path: 'adoptions/confirmations', operation: confirmAdoption },
  { path: 'adoptions/retractions', operation: retractAdoption },
]);
