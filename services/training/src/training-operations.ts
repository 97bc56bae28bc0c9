import { commandsHttpController, operationRegistry } from '@cnscd/service-kit';
import { recordActivity, recordSession } from './activities/record.operations';
import { submitTeamReport } from './reports/report.operations';
import {
  addMember,
  appointLeader,
  recordZaloGroupName,
  registerTeam,
  removeMember,
} from './teams/team.operations';

/** Every write of the training service, by kind (batch items, NATS subjects `cnscd.training.cmd.<kind>`). */
export const TRAINING_OPERATIONS = operationRegistry(
  registerTeam,
  addMember,
  removeMember,
  appointLeader,
  recordZaloGroupName,
  recordActivity,
  recordSession,
  submitTeamReport,
);

export const CommandsHttpController = commandsHttpController([
  {
    path: 'teams',
    operation: registerTeam,
    location: (r: Record<string, unknown>) => `/v1/teams/${r['teamId']}`,
  },
  { path: 'teams/members', operation: addMember },
  { path: 'teams/members/departures', operation: removeMember },
  { path: 'teams/leaders', operation: appointLeader },
  { path: 'teams/zalo-group-names', operation: recordZaloGroupName },
  { path: 'activities', operation: recordActivity },
  { path: 'sessions', operation: recordSession },
  { path: 'teams/reports', operation: submitTeamReport },
] as never);
