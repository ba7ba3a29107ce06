/**
 * NeoFS identifiers and small shared messages (`neo.fs.v2.refs`): versions, owner (user) IDs,
 * container IDs, object IDs, addresses, checksums, plus UUIDv4 helpers for nonces and
 * session IDs.
 *
 * IDs are plain `Uint8Array`s (25 bytes for owners, 32 for containers and objects); the
 * `*Message` encoders wrap them into their `refs` messages with stable marshaling.
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import bs58 from 'bs58';
import { ProtoMessage, ProtoWriter } from './proto/wire.js';
import { scriptHash } from '../crypto/keys.js';

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
  return new ProtoWriter().uint32(1, v.major).uint32(2, v.minor).finish();
}

export function decodeVersion(buf: Uint8Array): Version {
  const m = new ProtoMessage(buf);
  return { major: m.number(1) ?? 0, minor: m.number(2) ?? 0 };
}

export function versionToString(v: Version): string {
  return `v${v.major}.${v.minor}`;
}

// ---------------------------------------------------------------------------------------------
// OwnerID (user ID): 0x35 || script hash || checksum, i.e. the bytes of an N3 address.

export type OwnerId = Uint8Array;
export const OWNER_ID_SIZE = 25;
const N3_ADDRESS_PREFIX = 0x35;

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
  out[0] = N3_ADDRESS_PREFIX;
  out.set(hash, 1);
  out.set(sha256(sha256(out.subarray(0, 21))).subarray(0, 4), 21);
  return out;
}

/** Checks length, prefix and checksum, as the Go SDK does when decoding a user ID. */
export function checkOwnerId(b: Uint8Array): OwnerId {
  if (b.length !== OWNER_ID_SIZE) throw new NeoFSFormatError(`owner ID must be ${OWNER_ID_SIZE} bytes, got ${b.length}`);
  if (b[0] !== N3_ADDRESS_PREFIX) {
    throw new NeoFSFormatError(`owner ID must start with 0x35, got 0x${b[0]!.toString(16).padStart(2, '0')}`);
  }
  const sum = sha256(sha256(b.subarray(0, 21)));
  for (let i = 0; i < 4; i++) if (sum[i] !== b[21 + i]) throw new NeoFSFormatError('owner ID checksum mismatch');
  return b;
}

export function ownerIdToString(id: OwnerId): string {
  return bs58.encode(id);
}

/** Parses a base58 user ID (an N3 address string). */
export function parseOwnerId(s: string): OwnerId {
  return checkOwnerId(decodeBase58(s, 'owner ID'));
}

// ---------------------------------------------------------------------------------------------
// ContainerID and ObjectID: 32-byte SHA-256 digests, base58 strings.

export type ContainerId = Uint8Array;
export type ObjectId = Uint8Array;
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

function checkId(b: Uint8Array, what: string): Uint8Array {
  if (b.length !== ID_SIZE) throw new NeoFSFormatError(`${what} must be ${ID_SIZE} bytes, got ${b.length}`);
  if (b.every((x) => x === 0)) throw new NeoFSFormatError(`${what} is all zeros`);
  return b;
}

/** Container ID = SHA-256 of the container's stable encoding. */
export function containerIdFromContainer(stableContainer: Uint8Array): ContainerId {
  return sha256(stableContainer);
}

export function checkContainerId(b: Uint8Array): ContainerId {
  return checkId(b, 'container ID');
}

export function parseContainerId(s: string): ContainerId {
  return checkId(decodeBase58(s, 'container ID'), `container ID ${JSON.stringify(s)}`);
}

export function containerIdToString(id: ContainerId): string {
  return bs58.encode(id);
}

/** Object ID = SHA-256 of the object header's stable encoding. */
export function objectIdFromHeader(stableHeader: Uint8Array): ObjectId {
  return sha256(stableHeader);
}

export function checkObjectId(b: Uint8Array): ObjectId {
  return checkId(b, 'object ID');
}

export function parseObjectId(s: string): ObjectId {
  return checkId(decodeBase58(s, 'object ID'), `object ID ${JSON.stringify(s)}`);
}

export function objectIdToString(id: ObjectId): string {
  return bs58.encode(id);
}

// `refs.OwnerID`, `refs.ContainerID`, `refs.ObjectID` are all `{ value = 1 bytes }`.

export function encodeOwnerIdMessage(id: OwnerId): Uint8Array {
  return new ProtoWriter().bytes(1, id).finish();
}

export function encodeContainerIdMessage(id: ContainerId): Uint8Array {
  return new ProtoWriter().bytes(1, id).finish();
}

export function encodeObjectIdMessage(id: ObjectId): Uint8Array {
  return new ProtoWriter().bytes(1, id).finish();
}

export function decodeOwnerIdMessage(buf: Uint8Array): OwnerId {
  return checkOwnerId(new ProtoMessage(buf).bytes(1) ?? new Uint8Array());
}

export function decodeContainerIdMessage(buf: Uint8Array): ContainerId {
  return checkContainerId(new ProtoMessage(buf).bytes(1) ?? new Uint8Array());
}

export function decodeObjectIdMessage(buf: Uint8Array): ObjectId {
  return checkObjectId(new ProtoMessage(buf).bytes(1) ?? new Uint8Array());
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
    .message(1, encodeContainerIdMessage(a.containerId))
    .message(2, encodeObjectIdMessage(a.objectId))
    .finish();
}

export function decodeAddress(buf: Uint8Array): Address {
  const m = new ProtoMessage(buf);
  const cid = m.bytes(1);
  const oid = m.bytes(2);
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
  return new ProtoWriter().enum(1, c.type).bytes(2, c.sum).finish();
}

export function decodeChecksum(buf: Uint8Array): Checksum {
  const m = new ProtoMessage(buf);
  return { type: (m.int(1) ?? 0) as ChecksumType, sum: m.bytes(2) ?? new Uint8Array() };
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
