/**
 * `neo.fs.v2.object` headers, IDs and signatures, and the ObjectService request/response bodies.
 *
 * Object ID = SHA-256 of the stable header; the object signature covers the stable
 * `refs.ObjectID{value=id}` (`0a 20 || id`, 34 bytes), not the bare ID.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { type Signature, checkSignature, decodeSignature, encodeSignature } from '../crypto/signature.js';
import { ProtoMessage, ProtoWriter } from './proto/wire.js';
import {
  type Address,
  type Checksum,
  ChecksumType,
  type ContainerId,
  NeoFSFormatError,
  type ObjectId,
  type OwnerId,
  type Version,
  checkContainerId,
  checkOwnerId,
  decodeAddress,
  decodeChecksum,
  decodeObjectIdMessage,
  decodeVersion,
  encodeAddress,
  encodeChecksum,
  encodeContainerIdMessage,
  encodeObjectIdMessage,
  encodeOwnerIdMessage,
  encodeVersion,
  objectIdFromHeader,
} from './refs.js';
import type { Signer } from './signing.js';
import { ResponseVerificationError } from './status.js';

export enum ObjectType {
  REGULAR = 0,
  TOMBSTONE = 1,
  STORAGE_GROUP = 2,
  LOCK = 3,
  LINK = 4,
}

export interface ObjectAttribute {
  key: string;
  value: string;
}

export interface ObjectHeader {
  version?: Version;
  containerId: ContainerId;
  ownerId: OwnerId;
  creationEpoch?: bigint;
  payloadLength?: bigint;
  payloadHash?: Checksum;
  objectType?: ObjectType;
  homomorphicHash?: Checksum;
  /** Encoded `session.SessionToken` (field 9), kept as bytes. */
  sessionToken?: Uint8Array;
  attributes: ObjectAttribute[];
  /** Encoded `Header.Split` (field 11), kept as received. */
  split?: Uint8Array;
  /** Encoded `session.SessionTokenV2` (field 12). */
  sessionTokenV2?: Uint8Array;
}

/** Stable `object.Header` (ascending fields; `split` is passed through as encoded). */
export function encodeObjectHeader(h: ObjectHeader): Uint8Array {
  return new ProtoWriter()
    .message(1, h.version && encodeVersion(h.version))
    .message(2, encodeContainerIdMessage(h.containerId))
    .message(3, encodeOwnerIdMessage(h.ownerId))
    .uint64(4, h.creationEpoch)
    .uint64(5, h.payloadLength)
    .message(6, h.payloadHash && encodeChecksum(h.payloadHash))
    .enum(7, h.objectType)
    .message(8, h.homomorphicHash && encodeChecksum(h.homomorphicHash))
    .message(9, h.sessionToken)
    .repeatedMessages(
      10,
      h.attributes.map((a) => new ProtoWriter().string(1, a.key).string(2, a.value).finish()),
    )
    .message(11, h.split)
    .message(12, h.sessionTokenV2)
    .finish();
}

export function decodeObjectHeader(buf: Uint8Array): ObjectHeader {
  const m = new ProtoMessage(buf);
  const opt = <K extends string, T>(k: K, v: T | undefined): { [P in K]?: T } => (v === undefined ? {} : ({ [k]: v } as { [P in K]?: T }));
  const cid = m.bytes(2);
  const owner = m.bytes(3);
  if (cid === undefined) throw new NeoFSFormatError('object header has no container ID');
  if (owner === undefined) throw new NeoFSFormatError('object header has no owner');
  const v = m.bytes(1);
  const ph = m.bytes(6);
  const hh = m.bytes(8);
  return {
    ...opt('version', v && decodeVersion(v)),
    containerId: checkContainerId(new ProtoMessage(cid).bytes(1) ?? new Uint8Array()),
    ownerId: checkOwnerId(new ProtoMessage(owner).bytes(1) ?? new Uint8Array()),
    ...opt('creationEpoch', m.bigint(4)),
    ...opt('payloadLength', m.bigint(5)),
    ...opt('payloadHash', ph && decodeChecksum(ph)),
    ...opt('objectType', m.int(7) as ObjectType | undefined),
    ...opt('homomorphicHash', hh && decodeChecksum(hh)),
    ...opt('sessionToken', m.bytes(9)),
    attributes: m.repeatedBytes(10).map((a) => {
      const am = new ProtoMessage(a);
      return { key: am.string(1) ?? '', value: am.string(2) ?? '' };
    }),
    ...opt('split', m.bytes(11)),
    ...opt('sessionTokenV2', m.bytes(12)),
  };
}

/** The bytes an object signature covers: stable `refs.ObjectID{value=id}`. */
export function objectSignedData(id: ObjectId): Uint8Array {
  return encodeObjectIdMessage(id);
}

export interface PreparedObject {
  id: ObjectId;
  signature: Signature;
  /** Stable header bytes (what the ID hashes). */
  header: Uint8Array;
}

/** Computes the object ID from the header and signs it. */
export function prepareObject(header: ObjectHeader, signer: Signer): PreparedObject {
  const bytes = encodeObjectHeader(header);
  const id = objectIdFromHeader(bytes);
  return { id, signature: signer.sign(objectSignedData(id)), header: bytes };
}

export function sha256Checksum(payload: Uint8Array): Checksum {
  return { type: ChecksumType.SHA256, sum: sha256(payload) };
}

/** Checks `sha256(header) == id` and the object signature over the ID. */
export function checkObjectHeader(headerBytes: Uint8Array, id: ObjectId, signature: Signature | undefined): void {
  const got = objectIdFromHeader(headerBytes);
  if (!equalBytes(got, id)) throw new ResponseVerificationError('object header does not hash to the requested object ID');
  if (signature !== undefined) {
    try {
      checkSignature(signature, objectSignedData(id), 'object signature');
    } catch (e) {
      throw new ResponseVerificationError((e as Error).message);
    }
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// ---------------------------------------------------------------------------------------------
// ObjectService bodies

/** `PutRequest.Body{init=1{object_id=1, signature=2, header=3, copies_number=4}}`. */
export function encodePutInitBody(p: { id?: ObjectId; signature?: Signature; header: Uint8Array; copiesNumber?: number }): Uint8Array {
  const init = new ProtoWriter()
    .message(1, p.id && encodeObjectIdMessage(p.id))
    .message(2, p.signature && encodeSignature(p.signature))
    .message(3, p.header)
    .uint32(4, p.copiesNumber)
    .finish();
  return new ProtoWriter().message(1, init).finish();
}

/** `PutRequest.Body{chunk=2}` (never send an empty chunk: stable encoding would drop it). */
export function encodePutChunkBody(chunk: Uint8Array): Uint8Array {
  if (chunk.length === 0) throw new RangeError('object payload chunks must not be empty');
  return new ProtoWriter().bytes(2, chunk).finish();
}

/** `PutResponse.Body{object_id=1}`. */
export function decodePutObjectResponseBody(buf: Uint8Array | undefined): ObjectId {
  const id = buf && new ProtoMessage(buf).bytes(1);
  if (id === undefined) throw new NeoFSFormatError('object Put response has no object ID');
  return decodeObjectIdMessage(id);
}

/** `GetRequest.Body{address=1, raw=2}`. */
export function encodeGetObjectBody(a: Address, raw = false): Uint8Array {
  return new ProtoWriter().message(1, encodeAddress(a)).bool(2, raw).finish();
}

/** `HeadRequest.Body{address=1, main_only=2, raw=3}`. */
export function encodeHeadObjectBody(a: Address, raw = false): Uint8Array {
  return new ProtoWriter().message(1, encodeAddress(a)).bool(3, raw).finish();
}

/** `DeleteRequest.Body{address=1}`. */
export function encodeDeleteObjectBody(a: Address): Uint8Array {
  return new ProtoWriter().message(1, encodeAddress(a)).finish();
}

/** `DeleteResponse.Body{tombstone=1}`. */
export function decodeDeleteObjectResponseBody(buf: Uint8Array | undefined): Address {
  const t = buf && new ProtoMessage(buf).bytes(1);
  if (t === undefined) throw new NeoFSFormatError('object Delete response has no tombstone address');
  return decodeAddress(t);
}

/** One part of a GET response stream. */
export type GetObjectPart =
  | { kind: 'init'; id?: ObjectId; signature?: Signature; header: Uint8Array }
  | { kind: 'chunk'; chunk: Uint8Array }
  | { kind: 'splitInfo'; splitInfo: Uint8Array };

export function decodeGetObjectResponseBody(buf: Uint8Array | undefined): GetObjectPart {
  const m = new ProtoMessage(buf ?? new Uint8Array());
  const init = m.bytes(1);
  if (init !== undefined) {
    const im = new ProtoMessage(init);
    const id = im.bytes(1);
    const sig = im.bytes(2);
    const header = im.bytes(3);
    if (header === undefined) throw new NeoFSFormatError('object Get response init has no header');
    return {
      kind: 'init',
      ...(id !== undefined ? { id: decodeObjectIdMessage(id) } : {}),
      ...(sig !== undefined ? { signature: decodeSignature(sig) } : {}),
      header,
    };
  }
  const si = m.bytes(3);
  if (si !== undefined) return { kind: 'splitInfo', splitInfo: si };
  return { kind: 'chunk', chunk: m.bytes(2) ?? new Uint8Array() };
}

/** `HeadResponse.Body`: `header=1 HeaderWithSignature{header=1, signature=2}` or `split_info=3`. */
export function decodeHeadObjectResponseBody(
  buf: Uint8Array | undefined,
): { kind: 'header'; header: Uint8Array; signature?: Signature } | { kind: 'splitInfo'; splitInfo: Uint8Array } {
  const m = new ProtoMessage(buf ?? new Uint8Array());
  const hws = m.bytes(1);
  if (hws !== undefined) {
    const hm = new ProtoMessage(hws);
    const header = hm.bytes(1);
    const sig = hm.bytes(2);
    if (header === undefined) throw new NeoFSFormatError('object Head response has no header');
    return { kind: 'header', header, ...(sig !== undefined ? { signature: decodeSignature(sig) } : {}) };
  }
  const si = m.bytes(3);
  if (si !== undefined) return { kind: 'splitInfo', splitInfo: si };
  throw new NeoFSFormatError('object Head response has neither a header nor split info');
}
