import { SETTINGS } from '../../api-tags';
import { DenominatorEstimatedV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { settings } from '../settings-write-parts';

export const EstimateDenominatorRequest = DenominatorEstimatedV1.extend(COMMAND_FIELDS)
  .strict()
  .meta({ id: 'EstimateDenominatorRequest' });

export const estimateDenominator = deciderOperation({
  ...settings,
  kind: 'estimate-denominator',
  scope: 'indicators:denominators',
  input: EstimateDenominatorRequest,
  http: {
    path: 'denominators',
    tag: SETTINGS,
    summary:
      'Nhập số dân ước tính theo thôn và nhóm tuổi / Post a population estimate per village and age band',
    description:
      'Mẫu số là ước tính của xã (ví dụ từ dữ liệu dân cư của Công an xã), không phải số cư dân đã đăng ký. Denominators are the commune’s estimates with source and effective date, not the registered residents.',
  },
  command: ({ villageCode, ageBand, count, source, effectiveDate }, p) => ({
    type: 'EstimateDenominator' as const,
    villageCode,
    ageBand,
    count,
    source,
    effectiveDate,
    by: actorOf(p),
  }),
});
