export * from './decider-spec';
export * from './nats-server';
export * from './postgres';
