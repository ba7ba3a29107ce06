/**
 * NeoFS identifiers and small shared messages (`neo.fs.v2.refs`): versions, owner (user) IDs,
 * container IDs, object IDs, addresses, checksums, plus UUIDv4 helpers for nonces and
 * session IDs.
 *
 * IDs are branded `Uint8Array`s (`OwnerId` 25 bytes, `ContainerId` and `ObjectId` 32 bytes):
 * only the checking constructors below (`asContainerId`, `parseContainerId`, ...) make one, so a
 * value of the type has the right length. The `*Message` encoders wrap them into their `refs`
 * messages with stable marshaling. `refs.Signature` encoding lives here too.
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import bs58 from 'bs58';
import { ProtoMessage, ProtoWriter } from './proto/wire.js';
import { F_ADDRESS, F_CHECKSUM, F_ID, F_SIGNATURE, F_SIGNATURE_RFC6979, F_VERSION } from './proto/fields.js';
import { ADDRESS_VERSION, scriptHash } from '../crypto/keys.js';
import { type Signature, SignatureScheme } from '../crypto/signature.js';

/** A malformed identifier, address, UUID or `refs` message. */
export class NeoFSFormatError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('NEOFS_FORMAT', message, options);
  }
}

// ---------------------------------------------------------------------------------------------
// Version

export interface Version {
  major: number;
  minor: number;
}

/**
 * The API version we declare in request meta headers, containers and objects. 2.21 is the last
 * version for which nodes (v0.52+) still sign responses, which is what lets us verify them.
 */
export const API_VERSION: Version = Object.freeze({ major: 2, minor: 21 });

export function encodeVersion(v: Version): Uint8Array {
  return new ProtoWriter().uint32(F_VERSION.major, v.major).uint32(F_VERSION.minor, v.minor).finish();
}

export function decodeVersion(buf: Uint8Array): Version {
  const m = new ProtoMessage(buf);
  return { major: m.number(F_VERSION.major) ?? 0, minor: m.number(F_VERSION.minor) ?? 0 };
}

export function versionToString(v: Version): string {
  return `v${v.major}.${v.minor}`;
}

// ---------------------------------------------------------------------------------------------
// OwnerID (user ID): 0x35 || script hash || checksum, i.e. the bytes of an N3 address.

declare const ownerIdBrand: unique symbol;
declare const containerIdBrand: unique symbol;
declare const objectIdBrand: unique symbol;

/** 25-byte user ID: `0x35 || script hash || checksum`. Made by `asOwnerId` / `parseOwnerId` / `ownerIdFrom*`. */
export type OwnerId = Uint8Array & { readonly [ownerIdBrand]: true };
/** 32-byte container ID (SHA-256 of the stable container). Made by `asContainerId` / `parseContainerId`. */
export type ContainerId = Uint8Array & { readonly [containerIdBrand]: true };
/** 32-byte object ID (SHA-256 of the stable header). Made by `asObjectId` / `parseObjectId`. */
export type ObjectId = Uint8Array & { readonly [objectIdBrand]: true };

export const OWNER_ID_SIZE = 25;

/** User ID of a 33-byte compressed public key: the bytes of its N3 address. */
export function ownerIdFromPublicKey(pub33: Uint8Array): OwnerId {
  if (pub33.length !== 33 || (pub33[0] !== 0x02 && pub33[0] !== 0x03)) {
    throw new NeoFSFormatError(`owner ID needs a 33-byte compressed public key, got ${pub33.length} bytes`);
  }
  return ownerIdFromScriptHash(scriptHash(pub33));
}

/** User ID of a 20-byte script hash (in hash output order, as addresses encode it). */
export function ownerIdFromScriptHash(hash: Uint8Array): OwnerId {
  if (hash.length !== 20) throw new NeoFSFormatError(`script hash must be 20 bytes, got ${hash.length}`);
  const out = new Uint8Array(OWNER_ID_SIZE);
  out[0] = ADDRESS_VERSION;
  out.set(hash, 1);
  out.set(sha256(sha256(out.subarray(0, 21))).subarray(0, 4), 21);
  return out as OwnerId;
}

/** Checks length, prefix and checksum, as the Go SDK does when decoding a user ID. */
export function checkOwnerId(b: Uint8Array): OwnerId {
  if (b.length !== OWNER_ID_SIZE) throw new NeoFSFormatError(`owner ID must be ${OWNER_ID_SIZE} bytes, got ${b.length}`);
  if (b[0] !== ADDRESS_VERSION) {
    throw new NeoFSFormatError(`owner ID must start with 0x35, got 0x${b[0]!.toString(16).padStart(2, '0')}`);
  }
  const sum = sha256(sha256(b.subarray(0, 21)));
  for (let i = 0; i < 4; i++) if (sum[i] !== b[21 + i]) throw new NeoFSFormatError('owner ID checksum mismatch');
  return b as OwnerId;
}

/** The constructor of `OwnerId` from bytes (same checks as `checkOwnerId`). */
export const asOwnerId = checkOwnerId;

export function ownerIdToString(id: OwnerId): string {
  return bs58.encode(id);
}

/** Parses a base58 user ID (an N3 address string). */
export function parseOwnerId(s: string): OwnerId {
  return checkOwnerId(decodeBase58(s, 'owner ID'));
}

// ---------------------------------------------------------------------------------------------
// ContainerID and ObjectID: 32-byte SHA-256 digests, base58 strings.

export const ID_SIZE = 32;

function decodeBase58(s: string, what: string): Uint8Array {
  if (s.length === 0) throw new NeoFSFormatError(`${what} is empty`);
  try {
    return bs58.decode(s);
  } catch {
    const bad = [...s].find((c) => !/[1-9A-HJ-NP-Za-km-z]/.test(c));
    throw new NeoFSFormatError(
      `${what} ${JSON.stringify(s)} is not base58${bad === undefined ? '' : ` (invalid character ${JSON.stringify(bad)})`}`,
    );
  }
}

/**
 * The one container/object ID check (what the SDK's decoders do): 32 bytes, not all zero.
 * `what` names the ID in the message.
 */
export function checkIdBytes(b: Uint8Array, what: string): void {
  if (b.length !== ID_SIZE) throw new NeoFSFormatError(`${what} must be ${ID_SIZE} bytes, got ${b.length}`);
  if (b.every((x) => x === 0)) throw new NeoFSFormatError(`${what} is all zeros`);
}

/** Container ID = SHA-256 of the container's stable encoding. */
export function containerIdFromContainer(stableContainer: Uint8Array): ContainerId {
  return sha256(stableContainer) as ContainerId;
}

/** The constructor of `ContainerId` from bytes: 32 bytes, not all zero; throws `NeoFSFormatError`. */
export function checkContainerId(b: Uint8Array, what = 'container ID'): ContainerId {
  checkIdBytes(b, what);
  return b as ContainerId;
}

export const asContainerId = checkContainerId;

export function parseContainerId(s: string): ContainerId {
  return checkContainerId(decodeBase58(s, 'container ID'), `container ID ${JSON.stringify(s)}`);
}

export function containerIdToString(id: ContainerId): string {
  return bs58.encode(id);
}

/** Object ID = SHA-256 of the object header's stable encoding. */
export function objectIdFromHeader(stableHeader: Uint8Array): ObjectId {
  return sha256(stableHeader) as ObjectId;
}

/** The constructor of `ObjectId` from bytes: 32 bytes, not all zero; throws `NeoFSFormatError`. */
export function checkObjectId(b: Uint8Array, what = 'object ID'): ObjectId {
  checkIdBytes(b, what);
  return b as ObjectId;
}

export const asObjectId = checkObjectId;

export function parseObjectId(s: string): ObjectId {
  return checkObjectId(decodeBase58(s, 'object ID'), `object ID ${JSON.stringify(s)}`);
}

export function objectIdToString(id: ObjectId): string {
  return bs58.encode(id);
}

// `refs.OwnerID`, `refs.ContainerID`, `refs.ObjectID` are all `{ value = 1 bytes }`.

export function encodeOwnerIdMessage(id: OwnerId): Uint8Array {
  return new ProtoWriter().bytes(F_ID.value, id).finish();
}

export function encodeContainerIdMessage(id: ContainerId): Uint8Array {
  return new ProtoWriter().bytes(F_ID.value, id).finish();
}

export function encodeObjectIdMessage(id: ObjectId): Uint8Array {
  return new ProtoWriter().bytes(F_ID.value, id).finish();
}

/** A copy of the `value` bytes of a `refs.OwnerID` / `ContainerID` / `ObjectID` (empty if absent): decoded IDs never alias the input. */
function idValue(buf: Uint8Array): Uint8Array {
  return (new ProtoMessage(buf).bytes(F_ID.value) ?? new Uint8Array()).slice();
}

export function decodeOwnerIdMessage(buf: Uint8Array): OwnerId {
  return checkOwnerId(idValue(buf));
}

export function decodeContainerIdMessage(buf: Uint8Array, what?: string): ContainerId {
  return checkContainerId(idValue(buf), what);
}

export function decodeObjectIdMessage(buf: Uint8Array, what?: string): ObjectId {
  return checkObjectId(idValue(buf), what);
}

// ---------------------------------------------------------------------------------------------
// Address: `cid/oid`.

export interface Address {
  containerId: ContainerId;
  objectId: ObjectId;
}

export function addressToString(a: Address): string {
  return `${containerIdToString(a.containerId)}/${objectIdToString(a.objectId)}`;
}

/** Parses `<container ID>/<object ID>` (split at the first `/`, as the Go SDK does). */
export function parseAddress(s: string): Address {
  const i = s.indexOf('/');
  if (i < 0) throw new NeoFSFormatError(`address ${JSON.stringify(s)} must be <container ID>/<object ID>`);
  return { containerId: parseContainerId(s.slice(0, i)), objectId: parseObjectId(s.slice(i + 1)) };
}

/** `refs.Address{container_id=1, object_id=2}`. */
export function encodeAddress(a: Address): Uint8Array {
  return new ProtoWriter()
    .message(F_ADDRESS.containerId, encodeContainerIdMessage(a.containerId))
    .message(F_ADDRESS.objectId, encodeObjectIdMessage(a.objectId))
    .finish();
}

export function decodeAddress(buf: Uint8Array): Address {
  const m = new ProtoMessage(buf);
  const cid = m.bytes(F_ADDRESS.containerId);
  const oid = m.bytes(F_ADDRESS.objectId);
  if (cid === undefined) throw new NeoFSFormatError('address has no container ID');
  if (oid === undefined) throw new NeoFSFormatError('address has no object ID');
  return { containerId: decodeContainerIdMessage(cid), objectId: decodeObjectIdMessage(oid) };
}

// ---------------------------------------------------------------------------------------------
// Checksum. Proto enum values (the Go SDK's own enum numbers them differently).

export enum ChecksumType {
  UNSPECIFIED = 0,
  TZ = 1,
  SHA256 = 2,
}

export interface Checksum {
  type: ChecksumType;
  sum: Uint8Array;
}

export function encodeChecksum(c: Checksum): Uint8Array {
  return new ProtoWriter().enum(F_CHECKSUM.type, c.type).bytes(F_CHECKSUM.sum, c.sum).finish();
}

export function decodeChecksum(buf: Uint8Array): Checksum {
  const m = new ProtoMessage(buf);
  return { type: (m.int(F_CHECKSUM.type) ?? 0) as ChecksumType, sum: m.bytes(F_CHECKSUM.sum) ?? new Uint8Array() };
}

// ---------------------------------------------------------------------------------------------
// Signature: `refs.Signature{key=1, sign=2, scheme=3}` and `refs.SignatureRFC6979{key=1, sign=2}`.
// The signing itself is src/crypto's; only the message shape lives here.

/** Stable encoding of `refs.Signature` (scheme 0 omitted). */
export function encodeSignature(sig: Signature): Uint8Array {
  return new ProtoWriter()
    .bytes(F_SIGNATURE.key, sig.key)
    .bytes(F_SIGNATURE.sign, sig.sign)
    .enum(F_SIGNATURE.scheme, sig.scheme)
    .finish();
}

export function decodeSignature(buf: Uint8Array): Signature {
  const m = new ProtoMessage(buf);
  return {
    key: m.bytes(F_SIGNATURE.key) ?? new Uint8Array(),
    sign: m.bytes(F_SIGNATURE.sign) ?? new Uint8Array(),
    scheme: (m.int(F_SIGNATURE.scheme) ?? 0) as SignatureScheme,
  };
}

/** `refs.SignatureRFC6979`: the scheme is implied (container signatures). */
export function encodeSignatureRFC6979(sig: { key: Uint8Array; sign: Uint8Array }): Uint8Array {
  return new ProtoWriter().bytes(F_SIGNATURE_RFC6979.key, sig.key).bytes(F_SIGNATURE_RFC6979.sign, sig.sign).finish();
}

export function decodeSignatureRFC6979(buf: Uint8Array): Signature {
  const m = new ProtoMessage(buf);
  return {
    key: m.bytes(F_SIGNATURE_RFC6979.key) ?? new Uint8Array(),
    sign: m.bytes(F_SIGNATURE_RFC6979.sign) ?? new Uint8Array(),
    scheme: SignatureScheme.ECDSA_RFC6979_SHA256,
  };
}

// ---------------------------------------------------------------------------------------------
// UUIDv4 (container nonces, session token IDs): 16 binary bytes on the wire.

/** A fresh random RFC 4122 version-4 UUID. */
export function newUuidV4(): Uint8Array {
  const u = randomBytes(16);
  u[6] = (u[6]! & 0x0f) | 0x40;
  u[8] = (u[8]! & 0x3f) | 0x80;
  return u;
}

/** Checks a 16-byte UUID of version 4 (what NeoFS decoders accept for nonces and token IDs). */
export function checkUuidV4(u: Uint8Array, what = 'UUID'): Uint8Array {
  if (u.length !== 16) throw new NeoFSFormatError(`${what} must be 16 bytes, got ${u.length}`);
  const version = u[6]! >> 4;
  if (version !== 4) throw new NeoFSFormatError(`${what} must be version 4, got version ${version}`);
  return u;
}

export function uuidToString(u: Uint8Array): string {
  if (u.length !== 16) throw new NeoFSFormatError(`UUID must be 16 bytes, got ${u.length}`);
  const h = Buffer.from(u).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function parseUuid(s: string): Uint8Array {
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) {
    throw new NeoFSFormatError(`${JSON.stringify(s)} is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  }
  return new Uint8Array(Buffer.from(s.replaceAll('-', ''), 'hex'));
}
