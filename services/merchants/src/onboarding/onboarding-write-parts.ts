import { COMMAND_FIELDS } from '@cnscd/service-kit';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import { deterministicUuid } from '@cnscd/event-store';
import type { Principal } from '@cnscd/service-kit';
import { MERCHANTS_PROJECTION } from '../infrastructure/tokens';
import { onboardingDecider } from './onboarding.decider';

/** One onboarding per merchant and payment provider; a provider posting for itself may omit `providerId`. */
export const base = {
  ...COMMAND_FIELDS,
  merchantId: EntityId,
  providerId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
};

export type Base = { merchantId: string; providerId?: string };

export const providerOf = (input: Base, principal: Principal) => input.providerId ?? principal.organisationId;

export const idsOf = (input: Base, principal: Principal) => {
  const providerId = providerOf(input, principal);
  return {
    onboardingId: deterministicUuid('onboarding', principal.commune, input.merchantId, providerId),
    merchantId: input.merchantId,
    providerId,
  };
};

export const common = {
  aggregateType: 'onboarding',
  aggregateId: (input: Base, principal: Principal) => idsOf(input, principal).onboardingId,
  decider: onboardingDecider,
  result: (input: Base, onboardingId: string) => ({ onboardingId, merchantId: input.merchantId }),
  projection: MERCHANTS_PROJECTION,
} as const;
