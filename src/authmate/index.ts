/** The AuthMate operations: issue, obtain, inspect and revoke credentials against a store port. */
export * from './store.js';
export * from './memory-store.js';
export * from './issue.js';
export * from './batch.js';
export * from './bucket.js';
export * from './obtain.js';
export * from './placement-check.js';
export * from './inspect.js';
export * from './revoke.js';
export * from './reset-bucket-acl.js';
