/**
 * authmate-ts: the operations of AuthMate (issue and obtain S3 credentials for NeoFS gateways),
 * the NeoFS client they run on, wallets and the input parsers. Lower layers have their own
 * entry points: `authmate-ts/neofs`, `authmate-ts/box`, `authmate-ts/tokens`,
 * `authmate-ts/policy`, `authmate-ts/wallet`, `authmate-ts/crypto`, `authmate-ts/session`.
 */
export { AuthmateError, InvalidOptionError, type AuthmateErrorOptions } from './errors.js';

// Operations and their store port
export * from './authmate/index.js';

// NeoFS
export { NeoFSClient, type NeoFSClientOptions, type CallOptions } from './neofs/client.js';
export {
  NeoFSStatusError,
  AccessDeniedError,
  ObjectNotFoundError,
  ContainerNotFoundError,
  NeoFSTransportError,
  NeoFSTimeoutError,
  ResponseVerificationError,
} from './neofs/status.js';
export { ProtoDecodeError } from './neofs/proto/wire.js';
export {
  parseContainerId,
  containerIdToString,
  parseObjectId,
  objectIdToString,
  parseOwnerId,
  ownerIdToString,
  type ContainerId,
  type ObjectId,
  type OwnerId,
  type Address,
} from './neofs/refs.js';

// Wallets
export { loadWalletKey, openWallet, createWallet, WalletError, WALLET_PASSPHRASE_ENV, GATE_WALLET_PASSPHRASE_ENV } from './wallet/index.js';
export type { LoadWalletKeyOptions, WalletKey, PasswordPrompt } from './wallet/index.js';

// Inputs
export { parsePlacementPolicy, PlacementPolicySyntaxError } from './policy/placement-ql.js';
export { type PlacementPolicy } from './policy/placement.js';
export { readBearerRules, eaclTableFromJSON, type EACLTable } from './policy/eacl.js';
export { readSessionRules, parseSessionRules, type SessionRule } from './policy/session-rules.js';
export { PRESET_NAMES, presetRules, parsePresetName, type PresetName } from './policy/presets.js';
export { readContainerPolicies } from './policy/container-policies.js';
export { parseJson, readJsonInput, JsonSyntaxError, JsonInputError } from './policy/json-input.js';
export { JsonFieldError } from './util/protojson.js';
export { parseDuration, formatDuration, DurationError } from './util/duration.js';
export { FILE_LIMITS, FileInputError } from './util/files.js';

// Boxes and credentials files
export { openAccessBox, AccessBoxError, type AccessBoxFormat, type OpenedAccessBox } from './box/box.js';
export { writeAwsCredentials } from './aws/credentials.js';
export { presignS3Url, PresignError, type PresignS3UrlOptions, type PresignedS3Url } from './aws/presign.js';
