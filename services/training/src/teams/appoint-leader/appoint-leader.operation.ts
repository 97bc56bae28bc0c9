import { TEAMS } from '../../api-tags';
import { z } from 'zod';
import { Day, EntityId } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { common } from '../team-write-parts';

export const AppointLeaderRequest = z
  .strictObject({ ...COMMAND_FIELDS, teamId: EntityId, memberId: EntityId, since: Day })
  .meta({ id: 'AppointLeaderRequest' });

export const appointLeader = deciderOperation({
  ...common,
  kind: 'appoint-leader',
  scope: 'training:teams',
  input: AppointLeaderRequest,
  http: {
    path: 'teams/leaders',
    tag: TEAMS,
    summary: 'Bổ nhiệm tổ trưởng / Appoint the team leader',
    description: 'Tổ trưởng phải là thành viên hiện tại. The leader must be a current member.',
  },
  aggregateId: (i) => i.teamId,
  command: ({ teamId, memberId, since }) => ({ type: 'AppointLeader' as const, teamId, memberId, since }),
  result: (i) => ({ teamId: i.teamId, memberId: i.memberId }),
});
