import { TEAMS } from '../../api-tags';
import { z } from 'zod';
import { Day, EntityId, MEMBER_AFFILIATIONS } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { Name, common } from '../team-write-parts';

export const AddMemberRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    teamId: EntityId,
    memberId: EntityId,
    displayName: Name,
    affiliation: z.enum(MEMBER_AFFILIATIONS),
    joinedOn: Day,
    consent: z.boolean(),
  })
  .meta({ id: 'AddMemberRequest' });

export const addMember = deciderOperation({
  ...common,
  kind: 'add-member',
  scope: 'training:teams',
  input: AddMemberRequest,
  http: {
    path: 'teams/members',
    tag: TEAMS,
    summary: 'Thêm thành viên (cần sự đồng ý) / Add a member (with consent)',
    description:
      'Thành viên là tình nguyện viên; chỉ lưu tên hiển thị, vai trò, đơn vị. Volunteers: only a display name, affiliation and dates are kept, with their consent.',
  },
  aggregateId: (i) => i.teamId,
  command: ({ teamId, memberId, displayName, affiliation, joinedOn, consent }) => ({
    type: 'AddMember' as const,
    teamId,
    memberId,
    displayName,
    affiliation,
    joinedOn,
    consent,
  }),
  result: (i) => ({ teamId: i.teamId, memberId: i.memberId }),
});
