export * from './canonical-hash';
export * from './command-handler';
export * from './envelope';
export * from './errors';
export * from './event-store';
export * from './stream-ref';
export * from './stream-setup';
export * from './upcasters';
