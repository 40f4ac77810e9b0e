export * from './dead-letter';
export * from './envelope';
export * from './guardians';
export * from './journal';
export * from './primitives';
export * from './topics';
