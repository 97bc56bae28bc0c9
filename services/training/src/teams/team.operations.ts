import { TEAMS } from '../api-tags';
import { z } from 'zod';
import {
  containsIdLikeNumber,
  Day,
  EntityId,
  MEMBER_AFFILIATIONS,
  OccurredAt,
  VillageCode,
} from '@cnscd/contracts';
import { deterministicUuid } from '@cnscd/event-store';
import { deciderOperation, type Principal } from '@cnscd/service-kit';
import { TRAINING_PROJECTION } from '../tokens';
import { teamDecider } from './team.decider';

const Name = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((n) => !containsIdLikeNumber(n), { error: 'Không được chứa số giấy tờ / No ID numbers' });
const base = { commandId: EntityId, occurredAt: OccurredAt };
const common = {
  aggregateType: 'team',
  decider: teamDecider,
  projection: TRAINING_PROJECTION,
} as const;

/** One team per village: the team id is derived from the commune and village code. */
export const teamIdOf = (principal: Principal, villageCode: string) =>
  deterministicUuid('team', principal.commune, villageCode);

export const RegisterTeamRequest = z
  .strictObject({
    ...base,
    villageCode: VillageCode,
    /** The village's official name with diacritics (`Thôn 1`, `Hàng Làng`): it goes into the Zalo group name. */
    villageName: Name,
    /** The commune's official name (`Di Linh`; a leading "xã" is dropped). */
    communeName: Name,
  })
  .meta({ id: 'RegisterTeamRequest' });
export const registerTeam = deciderOperation({
  ...common,
  kind: 'register-team',
  scope: 'training:teams',
  input: RegisterTeamRequest,
  http: {
    path: 'teams',
    tag: TEAMS,
    summary: 'Thành lập Tổ CNSCĐ của một thôn / Register a village team',
    description:
      'Mỗi thôn một tổ; mã tổ suy ra từ mã thôn. One team per village; its id is derived from the village code. Its Zalo group name must be `CNSCĐ_<Thôn>_<Tên xã>`.',
    location: (r: Record<string, unknown>) => `/v1/teams/${r['teamId']}`,
  },
  aggregateId: (i, p) => teamIdOf(p, i.villageCode),
  command: (i, p) => ({
    type: 'RegisterTeam' as const,
    teamId: teamIdOf(p, i.villageCode),
    villageCode: i.villageCode,
    villageName: i.villageName,
    communeName: i.communeName,
  }),
  result: (_i, teamId) => ({ teamId }),
});

export const AddMemberRequest = z
  .strictObject({
    ...base,
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

export const RemoveMemberRequest = z
  .strictObject({ ...base, teamId: EntityId, memberId: EntityId, leftOn: Day })
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

export const AppointLeaderRequest = z
  .strictObject({ ...base, teamId: EntityId, memberId: EntityId, since: Day })
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

export const RecordZaloGroupNameRequest = z
  .strictObject({ ...base, teamId: EntityId, name: z.string().min(1).max(120) })
  .meta({ id: 'RecordZaloGroupNameRequest' });
export const recordZaloGroupName = deciderOperation({
  ...common,
  kind: 'record-zalo-group-name',
  scope: 'training:write',
  input: RecordZaloGroupNameRequest,
  http: {
    path: 'teams/zalo-group-names',
    tag: TEAMS,
    summary: 'Ghi tên nhóm Zalo đang dùng / Record the Zalo group name in use',
    description:
      'Được đối chiếu với quy tắc và báo lỗi cụ thể (thiếu dấu, sai tiền tố, thừa khoảng trắng…). Judged against the rule, naming each problem.',
  },
  aggregateId: (i) => i.teamId,
  command: ({ teamId, name }) => ({ type: 'RecordZaloGroupName' as const, teamId, name }),
  result: (i) => ({ teamId: i.teamId }),
});
