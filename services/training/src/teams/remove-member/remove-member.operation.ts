import { TEAMS } from '../../api-tags';
import { z } from 'zod';
import { Day, EntityId } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { common } from '../team-write-parts';

export const RemoveMemberRequest = z
  .strictObject({ ...COMMAND_FIELDS, teamId: EntityId, memberId: EntityId, leftOn: Day })
  .meta({ id: 'RemoveMemberRequest' });

export const removeMember = deciderOperation({
  ...common,
  kind: 'remove-member',
  scope: 'training:teams',
  input: RemoveMemberRequest,
  http: {
    path: 'teams/members/departures',
    tag: TEAMS,
    summary: 'Thành viên rời tổ / A member leaves',
    description: 'Có thể tham gia lại sau. They may rejoin later.',
  },
  aggregateId: (i) => i.teamId,
  command: ({ teamId, memberId, leftOn }) => ({ type: 'RemoveMember' as const, teamId, memberId, leftOn }),
  result: (i) => ({ teamId: i.teamId, memberId: i.memberId }),
});
