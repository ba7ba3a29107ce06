/** `authmate-ts/tokens`: bearer tokens, session tokens v1 and v2, lifetimes. */
export * from './common.js';
export * from './bearer.js';
export * from './session-v1.js';
export * from './session-v2.js';
export * from './lifetime.js';
