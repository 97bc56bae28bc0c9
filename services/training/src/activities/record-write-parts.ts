import { z } from 'zod';
import { TRAINING_PROJECTION } from '../infrastructure/tokens';
import { recordDecider } from './record.decider';

export const Organisation = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const common = {
  decider: recordDecider,
  projection: TRAINING_PROJECTION,
} as const;
