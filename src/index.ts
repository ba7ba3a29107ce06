/**
 * authmate-ts library entry: everything the CLI does is available here as typed functions.
 */
export { AuthmateError, ExitCode } from './errors.js';
export { parseDuration, formatDuration } from './util/duration.js';
export * from './crypto/keys.js';
export * from './crypto/signature.js';
export * from './neofs/refs.js';
export * from './neofs/tz.js';
export * from './wallet/index.js';
export * from './policy/placement.js';
export * from './policy/placement-ql.js';
export { JsonFieldError } from './policy/protojson.js';
export * from './policy/eacl.js';
export { parseJson, readJsonFlag, JsonSyntaxError } from './policy/json-input.js';
