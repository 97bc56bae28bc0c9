import { SETTINGS } from '../../api-tags';
import { CountedStageSetV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { settings } from '../settings-write-parts';

export const SetCountedStageRequest = CountedStageSetV1.extend(COMMAND_FIELDS)
  .strict()
  .meta({ id: 'SetCountedStageRequest' });

export const setCountedStage = deciderOperation({
  ...settings,
  kind: 'set-counted-stage',
  scope: 'indicators:configure',
  input: SetCountedStageRequest,
  http: {
    path: 'config/counted-stages',
    tag: SETTINGS,
    summary: 'Đổi giai đoạn được tính cho một chỉ tiêu / Change which stage counts for an indicator',
    description: 'Toàn bộ lịch sử được tính lại theo cấu hình mới. The whole history is recomputed with it.',
  },
  command: ({ indicator, stage, reason }, p) => ({
    type: 'SetCountedStage' as const,
    indicator,
    stage,
    reason,
    by: actorOf(p),
  }),
});
