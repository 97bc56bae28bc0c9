import type { OrganisationKind } from '../adoption';

/**
 * Who a command comes from, as deciders see it: the caller's organisation and its kind (filled from the
 * principal by the shell). The envelope's actor (`@cnscd/event-store`) adds the user.
 */
export interface Actor {
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
}

/** The commune's own offices (docs/mission/PLAN.md: the People's Committee and its two offices run the plan). */
export const COMMUNE_OFFICES: readonly OrganisationKind[] = [
  'peoples-committee',
  'economic-office',
  'culture-society-office',
];

/** The offices that run the programme: targets, counted stages, the list of villages. */
export const PROGRAMME_OFFICES: readonly OrganisationKind[] = ['peoples-committee', 'culture-society-office'];

/** Whether an actor is of one of the kinds a rule names. */
export const isOneOf = (kinds: readonly OrganisationKind[], actor: Pick<Actor, 'organisationKind'>) =>
  kinds.includes(actor.organisationKind);
