import { z } from 'zod';
import { containsIdLikeNumber } from '@cnscd/contracts';
import { TRAINING_PROJECTION } from '../infrastructure/tokens';
import { teamDecider } from './team.decider';

export const Name = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((n) => !containsIdLikeNumber(n), { error: 'Không được chứa số giấy tờ / No ID numbers' });

export const common = {
  aggregateType: 'team',
  decider: teamDecider,
  projection: TRAINING_PROJECTION,
} as const;
