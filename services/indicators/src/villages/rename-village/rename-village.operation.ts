import { VILLAGES } from '../../api-tags';
import { VillageRenamedV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { register, subject } from '../village-write-parts';

export const RenameVillageRequest = VillageRenamedV1.extend({
  ...COMMAND_FIELDS,
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
    by: actorOf(p),
  }),
});
