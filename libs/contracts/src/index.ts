export * from './adoption';
export * from './identifiers';
export * from './outreach';
export * from './topics';
