/**
 * `neo.fs.v2.object` headers, IDs and signatures, and the ObjectService request/response bodies.
 *
 * Object ID = SHA-256 of the stable header; the object signature covers the stable
 * `refs.ObjectID{value=id}` (`0a 20 || id`, 34 bytes), not the bare ID.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { type Signature, checkSignature } from '../crypto/signature.js';
import { ProtoMessage, ProtoWriter } from './proto/wire.js';
import {
  F_HEADER_WITH_SIGNATURE,
  F_OBJECT_ATTRIBUTE,
  F_OBJECT_DELETE_REQUEST_BODY,
  F_OBJECT_DELETE_RESPONSE_BODY,
  F_OBJECT_GET_INIT,
  F_OBJECT_GET_REQUEST_BODY,
  F_OBJECT_GET_RESPONSE_BODY,
  F_OBJECT_HEADER as F_HEADER,
  F_OBJECT_HEAD_REQUEST_BODY,
  F_OBJECT_HEAD_RESPONSE_BODY,
  F_OBJECT_PUT_INIT,
  F_OBJECT_PUT_REQUEST_BODY,
  F_OBJECT_PUT_RESPONSE_BODY,
} from './proto/fields.js';
import {
  type Address,
  type Checksum,
  ChecksumType,
  type ContainerId,
  NeoFSFormatError,
  type ObjectId,
  type OwnerId,
  type Version,
  decodeAddress,
  decodeChecksum,
  decodeContainerIdMessage,
  decodeObjectIdMessage,
  decodeOwnerIdMessage,
  decodeSignature,
  decodeVersion,
  encodeAddress,
  encodeChecksum,
  encodeSignature,
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
    .message(F_HEADER.version, h.version && encodeVersion(h.version))
    .message(F_HEADER.containerId, encodeContainerIdMessage(h.containerId))
    .message(F_HEADER.ownerId, encodeOwnerIdMessage(h.ownerId))
    .uint64(F_HEADER.creationEpoch, h.creationEpoch)
    .uint64(F_HEADER.payloadLength, h.payloadLength)
    .message(F_HEADER.payloadHash, h.payloadHash && encodeChecksum(h.payloadHash))
    .enum(F_HEADER.objectType, h.objectType)
    .message(F_HEADER.homomorphicHash, h.homomorphicHash && encodeChecksum(h.homomorphicHash))
    .message(F_HEADER.sessionToken, h.sessionToken)
    .repeatedMessages(
      F_HEADER.attributes,
      h.attributes.map((a) => new ProtoWriter().string(F_OBJECT_ATTRIBUTE.key, a.key).string(F_OBJECT_ATTRIBUTE.value, a.value).finish()),
    )
    .message(F_HEADER.split, h.split)
    .message(F_HEADER.sessionTokenV2, h.sessionTokenV2)
    .finish();
}

export function decodeObjectHeader(buf: Uint8Array): ObjectHeader {
  const m = new ProtoMessage(buf);
  const opt = <K extends string, T>(k: K, v: T | undefined): { [P in K]?: T } => (v === undefined ? {} : ({ [k]: v } as { [P in K]?: T }));
  const cid = m.bytes(F_HEADER.containerId);
  const owner = m.bytes(F_HEADER.ownerId);
  if (cid === undefined) throw new NeoFSFormatError('object header has no container ID');
  if (owner === undefined) throw new NeoFSFormatError('object header has no owner');
  const v = m.bytes(F_HEADER.version);
  const ph = m.bytes(F_HEADER.payloadHash);
  const hh = m.bytes(F_HEADER.homomorphicHash);
  return {
    ...opt('version', v && decodeVersion(v)),
    containerId: decodeContainerIdMessage(cid),
    ownerId: decodeOwnerIdMessage(owner),
    ...opt('creationEpoch', m.bigint(F_HEADER.creationEpoch)),
    ...opt('payloadLength', m.bigint(F_HEADER.payloadLength)),
    ...opt('payloadHash', ph && decodeChecksum(ph)),
    ...opt('objectType', m.int(F_HEADER.objectType) as ObjectType | undefined),
    ...opt('homomorphicHash', hh && decodeChecksum(hh)),
    ...opt('sessionToken', m.bytes(F_HEADER.sessionToken)),
    attributes: m.repeatedBytes(F_HEADER.attributes).map((a) => {
      const am = new ProtoMessage(a);
      return { key: am.string(F_OBJECT_ATTRIBUTE.key) ?? '', value: am.string(F_OBJECT_ATTRIBUTE.value) ?? '' };
    }),
    ...opt('split', m.bytes(F_HEADER.split)),
    ...opt('sessionTokenV2', m.bytes(F_HEADER.sessionTokenV2)),
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
    .message(F_OBJECT_PUT_INIT.objectId, p.id && encodeObjectIdMessage(p.id))
    .message(F_OBJECT_PUT_INIT.signature, p.signature && encodeSignature(p.signature))
    .message(F_OBJECT_PUT_INIT.header, p.header)
    .uint32(F_OBJECT_PUT_INIT.copiesNumber, p.copiesNumber)
    .finish();
  return new ProtoWriter().message(F_OBJECT_PUT_REQUEST_BODY.init, init).finish();
}

/** `PutRequest.Body{chunk=2}` (never send an empty chunk: stable encoding would drop it). */
export function encodePutChunkBody(chunk: Uint8Array): Uint8Array {
  if (chunk.length === 0) throw new RangeError('object payload chunks must not be empty');
  return new ProtoWriter().bytes(F_OBJECT_PUT_REQUEST_BODY.chunk, chunk).finish();
}

/** `PutResponse.Body{object_id=1}`. */
export function decodePutObjectResponseBody(buf: Uint8Array | undefined): ObjectId {
  const id = buf && new ProtoMessage(buf).bytes(F_OBJECT_PUT_RESPONSE_BODY.objectId);
  if (id === undefined) throw new NeoFSFormatError('object Put response has no object ID');
  return decodeObjectIdMessage(id);
}

/** `GetRequest.Body{address=1, raw=2}`. */
export function encodeGetObjectBody(a: Address, raw = false): Uint8Array {
  return new ProtoWriter().message(F_OBJECT_GET_REQUEST_BODY.address, encodeAddress(a)).bool(F_OBJECT_GET_REQUEST_BODY.raw, raw).finish();
}

/** `HeadRequest.Body{address=1, main_only=2, raw=3}`. */
export function encodeHeadObjectBody(a: Address, raw = false): Uint8Array {
  return new ProtoWriter().message(F_OBJECT_HEAD_REQUEST_BODY.address, encodeAddress(a)).bool(F_OBJECT_HEAD_REQUEST_BODY.raw, raw).finish();
}

/** `DeleteRequest.Body{address=1}`. */
export function encodeDeleteObjectBody(a: Address): Uint8Array {
  return new ProtoWriter().message(F_OBJECT_DELETE_REQUEST_BODY.address, encodeAddress(a)).finish();
}

/** `DeleteResponse.Body{tombstone=1}`. */
export function decodeDeleteObjectResponseBody(buf: Uint8Array | undefined): Address {
  const t = buf && new ProtoMessage(buf).bytes(F_OBJECT_DELETE_RESPONSE_BODY.tombstone);
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
  const init = m.bytes(F_OBJECT_GET_RESPONSE_BODY.init);
  if (init !== undefined) {
    const im = new ProtoMessage(init);
    const id = im.bytes(F_OBJECT_GET_INIT.objectId);
    const sig = im.bytes(F_OBJECT_GET_INIT.signature);
    const header = im.bytes(F_OBJECT_GET_INIT.header);
    if (header === undefined) throw new NeoFSFormatError('object Get response init has no header');
    return {
      kind: 'init',
      ...(id !== undefined ? { id: decodeObjectIdMessage(id) } : {}),
      ...(sig !== undefined ? { signature: decodeSignature(sig) } : {}),
      header,
    };
  }
  const si = m.bytes(F_OBJECT_GET_RESPONSE_BODY.splitInfo);
  if (si !== undefined) return { kind: 'splitInfo', splitInfo: si };
  return { kind: 'chunk', chunk: m.bytes(F_OBJECT_GET_RESPONSE_BODY.chunk) ?? new Uint8Array() };
}

/** `HeadResponse.Body`: `header=1 HeaderWithSignature{header=1, signature=2}` or `split_info=3`. */
export function decodeHeadObjectResponseBody(
  buf: Uint8Array | undefined,
): { kind: 'header'; header: Uint8Array; signature?: Signature } | { kind: 'splitInfo'; splitInfo: Uint8Array } {
  const m = new ProtoMessage(buf ?? new Uint8Array());
  const hws = m.bytes(F_OBJECT_HEAD_RESPONSE_BODY.header);
  if (hws !== undefined) {
    const hm = new ProtoMessage(hws);
    const header = hm.bytes(F_HEADER_WITH_SIGNATURE.header);
    const sig = hm.bytes(F_HEADER_WITH_SIGNATURE.signature);
    if (header === undefined) throw new NeoFSFormatError('object Head response has no header');
    return { kind: 'header', header, ...(sig !== undefined ? { signature: decodeSignature(sig) } : {}) };
  }
  const si = m.bytes(F_OBJECT_HEAD_RESPONSE_BODY.splitInfo);
  if (si !== undefined) return { kind: 'splitInfo', splitInfo: si };
  throw new NeoFSFormatError('object Head response has neither a header nor split info');
}
