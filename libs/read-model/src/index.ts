export * from './copy';
export * from './copy-binary';
export * from './database';
export * from './migrations';
export * from './projection';
export * from './parking';
export * from './command-index';
export * from './consumer-state';
