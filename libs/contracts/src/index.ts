export * from './access/permissions';
export * from './adoption';
export * from './identifiers';
export * from './indicators';
export * from './merchants';
export * from './outreach';
export * from './topics';
export * from './training';
