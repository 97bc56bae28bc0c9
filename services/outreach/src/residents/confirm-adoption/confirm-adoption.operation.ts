import { z } from 'zod';
import { ADOPTION_INDICATOR_CODES, ADOPTION_STAGES, EVIDENCE_KINDS } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { ADOPTION } from '../../api-tags';
import { DEFAULT_ADOPTION_POLICY } from '../adoption-policy';
import { ResidentRef, exactlyOneResidentRef } from '../resident-ref';
import { onResident, resolvedResident } from '../resident-shell';

/** A resident reached a stage of an indicator, as confirmed by the calling organisation. */
export const ConfirmAdoptionRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    ...ResidentRef,
    indicator: z.enum(ADOPTION_INDICATOR_CODES),
    stage: z.enum(ADOPTION_STAGES),
    evidence: z.enum(EVIDENCE_KINDS),
  })
  .superRefine(exactlyOneResidentRef)
  .meta({ id: 'ConfirmAdoptionRequest' });

export const confirmAdoption = deciderOperation({
  ...onResident,
  kind: 'confirm-adoption',
  commandType: 'ConfirmAdoption',
  scope: 'outreach:adoptions:write',
  input: ConfirmAdoptionRequest,
  http: {
    path: 'adoptions/confirmations',
    tag: ADOPTION,
    summary: 'Xác nhận một giai đoạn sử dụng / Confirm an adoption stage',
    description:
      'Theo chính sách xác nhận: ví dụ kích hoạt VNeID chỉ do Công an xã, tài khoản thanh toán do ngân hàng. Xác nhận lại giai đoạn đã đạt: chấp nhận, không thay đổi. ' +
      'Per the confirmation policy: VNeID activation only by the commune police, payment accounts by banks. Confirming a stage already reached is accepted and changes nothing.',
  },
  prepare: resolvedResident<z.output<typeof ConfirmAdoptionRequest>>(),
  content: (input) => input,
  command: (input, principal) => ({
    type: 'ConfirmAdoption' as const,
    residentKey: input.residentKey,
    indicator: input.indicator,
    stage: input.stage,
    evidence: input.evidence,
    by: actorOf(principal),
    policy: DEFAULT_ADOPTION_POLICY,
    occurredAt: input.occurredAt,
  }),
});
