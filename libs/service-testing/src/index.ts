export * from './credentials';
export * from './service-under-test';
export * from './deployment-under-test';
export * from './villages';
export * from './replayed-projections';
export * from './node-loss';
export * from './phones';
