import { COMMAND_FIELDS } from '@cnscd/service-kit';
import { z } from 'zod';
import { EntityId } from '@cnscd/contracts';
import { MERCHANTS_PROJECTION } from '../infrastructure/tokens';
import { placeDecider } from './place.decider';

export const PlaceName = z.string().trim().min(1).max(120);

export const DecisionNumber = z.string().trim().min(1).max(40);

export const common = {
  decider: placeDecider,
  projection: MERCHANTS_PROJECTION,
} as const;

export const PlaceRef = {
  ...COMMAND_FIELDS,
  placeType: z.enum(['street', 'market']),
  placeId: EntityId,
  decisionNumber: DecisionNumber,
};
