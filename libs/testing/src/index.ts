export * from './decider-spec';
export * from './nats-server';
export * from './postgres';
export * from './secrets-file';
export * from './service-process';
export * from './test-organisation';
export * from './test-tokens';
export * from './prometheus';
