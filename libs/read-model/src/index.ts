export * from './database';
export * from './migrations';
export * from './projection';
