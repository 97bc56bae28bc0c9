export * from './api-keys';
export * from './decider-spec';
export * from './nats-server';
export * from './postgres';
export * from './service-process';
