/** The AuthMate operations: issue and obtain credentials against a store port. */
export * from './store.js';
export * from './memory-store.js';
export * from './issue.js';
export * from './obtain.js';
export * from './reset-bucket-acl.js';
