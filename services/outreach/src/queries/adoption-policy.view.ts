import { z } from 'zod';
import { ADOPTION_INDICATOR_CODES, ADOPTION_STAGES, ORGANISATION_KINDS } from '@cnscd/contracts';

const Stages = z.array(z.enum(ADOPTION_STAGES));
/** The answer of `GET /v1/adoption-policy`, as the API document describes it. */
export const AdoptionPolicyView = z
  .object({
    policy: z.record(
      z.enum(ADOPTION_INDICATOR_CODES),
      z.record(z.enum(ADOPTION_STAGES), z.array(z.enum(ORGANISATION_KINDS))),
    ),
    yours: z
      .record(z.enum(ADOPTION_INDICATOR_CODES), Stages)
      .describe('Các mức tổ chức của bạn được xác nhận / The stages your organisation may confirm'),
  })
  .meta({ id: 'AdoptionPolicy' });
