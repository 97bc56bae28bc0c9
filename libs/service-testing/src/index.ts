export * from './credentials';
export * from './service-under-test';
