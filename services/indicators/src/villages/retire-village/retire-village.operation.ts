import { VILLAGES } from '../../api-tags';
import { VillageRetiredV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { register, subject } from '../village-write-parts';

export const RetireVillageRequest = VillageRetiredV1.extend({
  ...COMMAND_FIELDS,
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
    by: actorOf(p),
  }),
});
