/** Injection tokens of the outreach service's own infrastructure (the shared ones live in @cnscd/service-kit). */
export const VISITS_PROJECTION = Symbol('VISITS_PROJECTION');
export const RESIDENTS_PROJECTION = Symbol('RESIDENTS_PROJECTION');
export const SECRETS = Symbol('SECRETS');
