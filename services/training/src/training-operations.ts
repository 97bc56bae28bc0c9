import { serviceWrites } from '@cnscd/service-kit';
import { recordActivity } from './activities/record-activity/record-activity.operation';
import { recordSession } from './activities/record-session/record-session.operation';
import { submitTeamReport } from './team-reports/submit-team-report/submit-team-report.operation';
import { addMember } from './teams/add-member/add-member.operation';
import { appointLeader } from './teams/appoint-leader/appoint-leader.operation';
import { recordZaloGroupName } from './teams/record-zalo-group-name/record-zalo-group-name.operation';
import { registerTeam } from './teams/register-team/register-team.operation';
import { removeMember } from './teams/remove-member/remove-member.operation';

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
