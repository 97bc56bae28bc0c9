export * from './decider';
export * from './rejection';
