/** Session tools: dynamic sessions (SessionService.Create), token files, signing prepared tokens. */
export * from './create.js';
export * from './file.js';
export * from './json.js';
export * from './sign.js';
export * from './bearer-file.js';
