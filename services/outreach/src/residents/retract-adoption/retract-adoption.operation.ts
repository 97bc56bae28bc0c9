import { z } from 'zod';
import { ADOPTION_INDICATOR_CODES, ADOPTION_STAGES, RETRACTION_REASONS, ShortNote } from '@cnscd/contracts';
import { COMMAND_FIELDS, actorOf, deciderOperation } from '@cnscd/service-kit';
import { ADOPTION } from '../../api-tags';
import { DEFAULT_ADOPTION_POLICY } from '../adoption-policy';
import { ResidentRef, exactlyOneResidentRef } from '../resident-ref';
import { onResident, resolvedResident } from '../resident-shell';

/** Withdraws a confirmation with a reason; nothing is edited, the history keeps both. */
export const RetractAdoptionRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    ...ResidentRef,
    indicator: z.enum(ADOPTION_INDICATOR_CODES),
    stage: z.enum(ADOPTION_STAGES),
    reason: z.enum(RETRACTION_REASONS),
    note: ShortNote.nullable().default(null),
  })
  .superRefine(exactlyOneResidentRef)
  .meta({ id: 'RetractAdoptionRequest' });

export const retractAdoption = deciderOperation({
  ...onResident,
  kind: 'retract-adoption',
  commandType: 'RetractAdoption',
  scope: 'outreach:adoptions:write',
  input: RetractAdoptionRequest,
  http: {
    path: 'adoptions/retractions',
    tag: ADOPTION,
    summary: 'Rút lại một xác nhận / Retract a confirmation',
    description: 'Không sửa gì: một sự kiện mới, có lý do. Nothing is edited: a new event with a reason.',
  },
  prepare: resolvedResident<z.output<typeof RetractAdoptionRequest>>(),
  content: (input) => input,
  command: (input, principal) => ({
    type: 'RetractAdoption' as const,
    residentKey: input.residentKey,
    indicator: input.indicator,
    stage: input.stage,
    reason: input.reason,
    note: input.note,
    by: actorOf(principal),
    policy: DEFAULT_ADOPTION_POLICY,
  }),
});
