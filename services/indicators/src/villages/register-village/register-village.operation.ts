import { VILLAGES } from '../../api-tags';
import { VillageRegisteredV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { register, subject } from '../village-write-parts';

export const RegisterVillageRequest = VillageRegisteredV1.extend({
  ...COMMAND_FIELDS,
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
    by: actorOf(p),
  }),
});
