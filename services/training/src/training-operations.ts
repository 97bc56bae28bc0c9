import { serviceWrites } from '@cnscd/service-kit';
import { recordActivity, recordSession } from './activities/record.operations';
import { submitTeamReport } from './reports/report.operations';
import {
  addMember,
  appointLeader,
  recordZaloGroupName,
  registerTeam,
  removeMember,
} from './teams/team.operations';

/**
 * Every write of the service, listed once: the registry (batch items, NATS subjects
 * `cnscd.training.cmd.<kind>`), the HTTP routes and the OpenAPI entries are derived from it.
 */
export const TRAINING_WRITES = serviceWrites([
  registerTeam,
  addMember,
  removeMember,
  appointLeader,
  recordZaloGroupName,
  recordActivity,
  recordSession,
  submitTeamReport,
]);
export const TRAINING_OPERATIONS = TRAINING_WRITES.registry;
export const CommandsHttpController = TRAINING_WRITES.controller;
