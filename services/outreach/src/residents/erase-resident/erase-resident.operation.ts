import { z } from 'zod';
import { ERASURE_REASONS, ResidentKey } from '@cnscd/contracts';
import { COMMAND_FIELDS, deciderOperation, type Principal } from '@cnscd/service-kit';
import { RESIDENTS } from '../../api-tags';
import { ResidentShell, onResident } from '../resident-shell';

/** Erasure on request (PDP Law 91/2025/QH15): the data key is destroyed, adoption counts stay. */
export const EraseResidentRequest = z
  .strictObject({
    ...COMMAND_FIELDS,
    residentKey: ResidentKey,
    reason: z.enum(ERASURE_REASONS),
  })
  .meta({ id: 'EraseResidentRequest' });

export const eraseResident = deciderOperation({
  ...onResident,
  kind: 'erase-resident',
  commandType: 'EraseResident',
  scope: 'outreach:residents:erase',
  input: EraseResidentRequest,
  http: {
    path: 'residents/erasures',
    tag: RESIDENTS,
    summary: 'Xóa dữ liệu cư dân theo yêu cầu / Erase a resident',
    description:
      'Khóa dữ liệu bị hủy; số liệu chỉ tiêu giữ nguyên. The data key is destroyed; indicator counts stay correct.',
  },
  command: ({ residentKey, reason }) => ({ type: 'EraseResident' as const, residentKey, reason }),
  // Also on a resend: if the service stopped between the append and here, the retry finishes the job.
  settle: {
    use: ResidentShell,
    run: (shell: ResidentShell, input: { residentKey: string }, principal: Principal) =>
      shell.destroyKey(principal.commune, input.residentKey),
  },
});
