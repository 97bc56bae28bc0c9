/** Injection tokens for what the outreach service's shell wires together. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const READ_MODEL = Symbol('READ_MODEL');
export const VISITS_PROJECTION = Symbol('VISITS_PROJECTION');
export const RESIDENTS_PROJECTION = Symbol('RESIDENTS_PROJECTION');
export const SECRETS = Symbol('SECRETS');
export const CLOCK = Symbol('CLOCK');
export const CONFIG = Symbol('CONFIG');

export interface Clock {
  now(): Date;
}
