import { VILLAGES } from '../api-tags';
import {
  EntityId,
  OccurredAt,
  VILLAGE_REGISTER,
  VillageRegisteredV1,
  VillageRenamedV1,
  VillageRetiredV1,
} from '@cnscd/contracts';
import { deciderOperation, type Principal } from '@cnscd/service-kit';
import { FactsStore } from '../projection/facts-store';
import { villageRegisterDecider } from './village-register.decider';

const base = { commandId: EntityId, occurredAt: OccurredAt };
const register = {
  aggregateType: VILLAGE_REGISTER.aggregateType,
  aggregateId: (_i: unknown, p: Principal) => p.commune,
  decider: villageRegisterDecider,
  // The report and the values name villages: answer once the facts have the change.
  projection: FactsStore,
  scope: 'indicators:configure',
  // The village is what the command is about; it need not be registered yet (it is being registered).
  result: (i: { villageCode: string }) => ({ villageCode: i.villageCode }),
} as const;
const by = (p: Principal) => ({ organisationKind: p.organisationKind });
/**
 * The village a register command is about is judged by the decider, not by the edge's unknown-village
 * check: a new code is not registered yet, and a retry of a merger must still get its original answer.
 */
const subject = (description: string) =>
  VillageRegisteredV1.shape.villageCode.meta({ description, 'x-registered': 'decided-by-the-register' });

export const RegisterVillageRequest = VillageRegisteredV1.extend({
  ...base,
  villageCode: subject('The new village’s code, unique in the commune'),
})
  .strict()
  .meta({ id: 'RegisterVillageRequest' });
export const registerVillage = deciderOperation({
  ...register,
  kind: 'register-village',
  input: RegisterVillageRequest,
  http: {
    path: 'villages',
    tag: VILLAGES,
    summary: 'Đăng ký một thôn, bon hoặc tổ dân phố / Register a village',
    description:
      'Mọi ghi nhận nêu tên thôn chỉ được nhận khi thôn đã có trong danh mục vào ngày đó. A write naming a village is accepted only if the village is registered and in existence on its day.',
  },
  command: ({ villageCode, name, effectiveDate }, p) => ({
    type: 'RegisterVillage' as const,
    villageCode,
    name,
    effectiveDate,
    by: by(p),
  }),
});

export const RenameVillageRequest = VillageRenamedV1.extend({
  ...base,
  villageCode: subject('The village to rename'),
})
  .strict()
  .meta({ id: 'RenameVillageRequest' });
export const renameVillage = deciderOperation({
  ...register,
  kind: 'rename-village',
  input: RenameVillageRequest,
  http: {
    path: 'villages/renames',
    tag: VILLAGES,
    summary: 'Đổi tên thôn từ một ngày / Rename a village from a day',
    description:
      'Mã thôn giữ nguyên; báo cáo các kỳ trước vẫn dùng tên cũ. The code stays; earlier periods keep the old name.',
  },
  command: ({ villageCode, name, effectiveDate }, p) => ({
    type: 'RenameVillage' as const,
    villageCode,
    name,
    effectiveDate,
    by: by(p),
  }),
});

export const RetireVillageRequest = VillageRetiredV1.extend({
  ...base,
  villageCode: subject('The village that ceases to exist'),
})
  .strict()
  .meta({ id: 'RetireVillageRequest' });
export const retireVillage = deciderOperation({
  ...register,
  kind: 'retire-village',
  input: RetireVillageRequest,
  http: {
    path: 'villages/retirements',
    tag: VILLAGES,
    summary:
      'Sáp nhập, chia tách hoặc giải thể thôn từ một ngày / Merge, split or dissolve a village from a day',
    description:
      'Một thôn kế tục: sáp nhập, cư dân và hộ kinh doanh được tính vào thôn đó từ ngày hiệu lực. Nhiều thôn kế tục: chia tách, từng cư dân được chuyển thôn. Không thôn kế tục: giải thể. One successor: a merger, residents and merchants count there from that day. Several: a split, each resident is moved. None: dissolved.',
  },
  command: ({ villageCode, effectiveDate, successors, reason }, p) => ({
    type: 'RetireVillage' as const,
    villageCode,
    effectiveDate,
    successors,
    reason,
    by: by(p),
  }),
});
