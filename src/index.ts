/**
 * authmate-ts library entry: everything the CLI does is available here as typed functions.
 */
export { AuthmateError, ExitCode } from './errors.js';
export { parseDuration, formatDuration, DurationError } from './util/duration.js';
export { FILE_LIMITS, FileInputError, readBoundedFile, readBoundedFileSync, writeFileAtomic } from './util/files.js';
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
export * from './tokens/common.js';
export * from './tokens/bearer.js';
export * from './tokens/session-v1.js';
export * from './tokens/session-v2.js';
export * from './box/accessbox.js';
export * from './box/crypto.js';
export * from './box/box.js';
export * from './policy/session-rules.js';
export * from './policy/container-policies.js';
export * from './neofs/status.js';
export * from './neofs/signing.js';
export * from './neofs/netmap.js';
export * from './neofs/container.js';
export * from './neofs/object.js';
export { parseEndpoint, type Endpoint } from './neofs/transport.js';
export * from './neofs/client.js';
export * from './neofs/session.js';
export * from './issue/index.js';
export { lifetimeToEpochs, lifetimeToUnixSeconds, type EpochLifetime, type UnixLifetime } from './issue/lifetime.js';
export * from './obtain/index.js';
export * from './aws/credentials.js';
export * from './session/index.js';
