import { SETTINGS } from '../../api-tags';
import { TargetSetV1 } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { settings } from '../settings-write-parts';

export const SetTargetRequest = TargetSetV1.extend(COMMAND_FIELDS).strict().meta({ id: 'SetTargetRequest' });

export const setTarget = deciderOperation({
  ...settings,
  kind: 'set-target',
  scope: 'indicators:configure',
  input: SetTargetRequest,
  http: {
    path: 'targets',
    tag: SETTINGS,
    summary: 'Đặt mục tiêu năm cho xã hoặc một thôn / Set a yearly target for the commune or a village',
    description:
      'Mặc định theo kế hoạch (2025, 2030) và nội suy các năm giữa. Defaults from the plan, interpolated in between; every change is an event with who and why.',
  },
  command: ({ indicator, villageCode, year, value, reason }, p) => ({
    type: 'SetTarget' as const,
    indicator,
    villageCode,
    year,
    value,
    reason,
    by: actorOf(p),
  }),
});
