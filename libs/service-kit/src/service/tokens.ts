/** Injection tokens every service's shell shares. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const READ_MODEL = Symbol('READ_MODEL');
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): Date;
}
/** When a consumer of the stream makes the service `degraded` (HealthThresholds). */
export const HEALTH_THRESHOLDS = Symbol('HEALTH_THRESHOLDS');
/** The runner of the command-id index every service keeps (`CommandIdIndex.follow`). */
export const COMMAND_IDS_RUNNER = Symbol('COMMAND_IDS_RUNNER');
/** The one reading of the service's own context its runners share (`SharedReading`). */
export const OWN_CONTEXT_READING = Symbol('OWN_CONTEXT_READING');
