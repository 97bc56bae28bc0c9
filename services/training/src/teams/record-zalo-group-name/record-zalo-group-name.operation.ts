import { TEAMS } from '../../api-tags';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation } from '@cnscd/service-kit';
import { common } from '../team-write-parts';

export const RecordZaloGroupNameRequest = z
  .strictObject({ ...COMMAND_FIELDS, teamId: EntityId, name: z.string().min(1).max(120) })
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
