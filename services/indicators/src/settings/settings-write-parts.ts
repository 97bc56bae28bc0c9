import { type Principal } from '@cnscd/service-kit';
import { FactsStore } from '../queries/facts/facts-store';
import { settingsDecider } from './settings.decider';

export const settings = {
  aggregateType: 'settings',
  aggregateId: (_i: unknown, p: Principal) => p.commune,
  decider: settingsDecider,
  // The command answers once the facts in use have its event: a screen reloading at once sees it.
  projection: FactsStore,
} as const;
