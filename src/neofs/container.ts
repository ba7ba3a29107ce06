/**
 * `neo.fs.v2.container.Container` and the ContainerService request/response bodies.
 *
 * The container ID is SHA-256 of the stable container bytes and the owner signs those same
 * bytes (RFC 6979), so `encodeContainer` must be canonical: nodes and the Inner Ring recompute
 * both from their own re-encoding.
 */
import { SignatureScheme, type Signature } from '../crypto/signature.js';
import { ProtoMessage, ProtoWriter } from './proto/wire.js';
import {
  F_CONTAINER,
  F_CONTAINER_ATTRIBUTE,
  F_CONTAINER_DELETE_REQUEST_BODY,
  F_CONTAINER_GET_RESPONSE_BODY,
  F_CONTAINER_ID_REQUEST_BODY,
  F_CONTAINER_LIST_REQUEST_BODY,
  F_CONTAINER_LIST_RESPONSE_BODY,
  F_CONTAINER_PUT_REQUEST_BODY,
  F_CONTAINER_PUT_RESPONSE_BODY,
  F_GET_EACL_RESPONSE_BODY,
  F_SET_EACL_REQUEST_BODY,
} from './proto/fields.js';
import {
  API_VERSION,
  type ContainerId,
  NeoFSFormatError,
  type OwnerId,
  type Version,
  checkOwnerId,
  checkUuidV4,
  containerIdFromContainer,
  decodeContainerIdMessage,
  decodeOwnerIdMessage,
  decodeSignatureRFC6979,
  decodeVersion,
  encodeSignatureRFC6979,
  encodeContainerIdMessage,
  encodeOwnerIdMessage,
  encodeVersion,
  newUuidV4,
} from './refs.js';
import type { Signer } from './signing.js';

export interface Attribute {
  key: string;
  value: string;
}

export interface Container {
  version: Version;
  ownerId: OwnerId;
  /** 16-byte UUIDv4. */
  nonce: Uint8Array;
  basicAcl: number;
  /** Insertion order is kept (it changes the container ID). */
  attributes: Attribute[];
  /** Stable-encoded `netmap.PlacementPolicy` (e.g. from src/policy `encodePlacementPolicy`). */
  placementPolicy: Uint8Array;
}

/** authmate's container basic ACL: private + GET for others, final, not sticky (protocol.md §5.6). */
export const BASIC_ACL_AUTHMATE = 0x1c8c8cce;
export const BASIC_ACL_PRIVATE = 0x1c8c8ccc;
export const BASIC_ACL_PUBLIC_READ = 0x1fbf8cff;
export const BASIC_ACL_PUBLIC_READ_WRITE = 0x1fbfbfff;

/** A new container at API 2.21 with a fresh nonce; attributes are checked like the SDK does. */
export function newContainer(p: {
  ownerId: OwnerId;
  basicAcl: number;
  placementPolicy: Uint8Array;
  attributes?: Attribute[];
  nonce?: Uint8Array;
}): Container {
  const c: Container = {
    version: { ...API_VERSION },
    ownerId: checkOwnerId(p.ownerId),
    nonce: checkUuidV4(p.nonce ?? newUuidV4(), 'container nonce'),
    basicAcl: p.basicAcl >>> 0,
    attributes: [...(p.attributes ?? [])],
    placementPolicy: p.placementPolicy,
  };
  checkAttributes(c.attributes);
  return c;
}

function checkAttributes(attrs: readonly Attribute[]): void {
  const seen = new Set<string>();
  for (const a of attrs) {
    if (!a.key) throw new NeoFSFormatError('container attribute key is empty');
    if (!a.value) throw new NeoFSFormatError(`container attribute ${a.key} has an empty value`);
    if (seen.has(a.key)) throw new NeoFSFormatError(`container attribute ${a.key} is repeated`);
    seen.add(a.key);
  }
}

function encodeAttribute(a: Attribute): Uint8Array {
  return new ProtoWriter().string(F_CONTAINER_ATTRIBUTE.key, a.key).string(F_CONTAINER_ATTRIBUTE.value, a.value).finish();
}

/** Stable `container.Container`. */
export function encodeContainer(c: Container): Uint8Array {
  return new ProtoWriter()
    .message(F_CONTAINER.version, encodeVersion(c.version))
    .message(F_CONTAINER.ownerId, encodeOwnerIdMessage(c.ownerId))
    .bytes(F_CONTAINER.nonce, c.nonce)
    .uint32(F_CONTAINER.basicAcl, c.basicAcl)
    .repeatedMessages(F_CONTAINER.attributes, c.attributes.map(encodeAttribute))
    .message(F_CONTAINER.placementPolicy, c.placementPolicy)
    .finish();
}

export function decodeContainer(buf: Uint8Array): Container {
  const m = new ProtoMessage(buf);
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new NeoFSFormatError(`container has no ${what}`);
    return v;
  };
  return {
    version: decodeVersion(need(m.bytes(F_CONTAINER.version), 'version')),
    ownerId: decodeOwnerIdMessage(need(m.bytes(F_CONTAINER.ownerId), 'owner')),
    nonce: need(m.bytes(F_CONTAINER.nonce), 'nonce'),
    basicAcl: m.number(F_CONTAINER.basicAcl) ?? 0,
    attributes: m.repeatedBytes(F_CONTAINER.attributes).map((a) => {
      const am = new ProtoMessage(a);
      return { key: am.string(F_CONTAINER_ATTRIBUTE.key) ?? '', value: am.string(F_CONTAINER_ATTRIBUTE.value) ?? '' };
    }),
    placementPolicy: need(m.bytes(F_CONTAINER.placementPolicy), 'placement policy'),
  };
}

export function containerId(c: Container): ContainerId {
  return containerIdFromContainer(encodeContainer(c));
}

// ---------------------------------------------------------------------------------------------
// ContainerService bodies. Container signatures are `SignatureRFC6979` and must be RFC 6979.

function rfc6979(signer: Signer, data: Uint8Array): Uint8Array {
  const sig = signer.sign(data);
  if (sig.scheme !== SignatureScheme.ECDSA_RFC6979_SHA256) throw new NeoFSFormatError('container signatures need an ECDSA_RFC6979_SHA256 signer');
  return encodeSignatureRFC6979(sig);
}

/** `PutRequest.Body{container=1, signature=2}`, signed by the owner (or session key holder). */
export function encodePutContainerBody(containerBytes: Uint8Array, signer: Signer): Uint8Array {
  return new ProtoWriter()
    .message(F_CONTAINER_PUT_REQUEST_BODY.container, containerBytes)
    .message(F_CONTAINER_PUT_REQUEST_BODY.signature, rfc6979(signer, containerBytes))
    .finish();
}

/** `DeleteRequest.Body{container_id=1, signature=2}`: the signature covers the raw 32 ID bytes. */
export function encodeDeleteContainerBody(id: ContainerId, signer: Signer): Uint8Array {
  return new ProtoWriter()
    .message(F_CONTAINER_DELETE_REQUEST_BODY.containerId, encodeContainerIdMessage(id))
    .message(F_CONTAINER_DELETE_REQUEST_BODY.signature, rfc6979(signer, id))
    .finish();
}

/** `GetRequest.Body` / `GetExtendedACLRequest.Body`: `{container_id=1}`. */
export function encodeContainerIdBody(id: ContainerId): Uint8Array {
  return new ProtoWriter().message(F_CONTAINER_ID_REQUEST_BODY.containerId, encodeContainerIdMessage(id)).finish();
}

/** `SetExtendedACLRequest.Body{eacl=1, signature=2}` over the stable `acl.EACLTable` bytes. */
export function encodeSetEACLBody(eaclTable: Uint8Array, signer: Signer): Uint8Array {
  return new ProtoWriter()
    .message(F_SET_EACL_REQUEST_BODY.eacl, eaclTable)
    .message(F_SET_EACL_REQUEST_BODY.signature, rfc6979(signer, eaclTable))
    .finish();
}

/** `ListRequest.Body{owner_id=1}`. */
export function encodeListContainersBody(owner: OwnerId): Uint8Array {
  return new ProtoWriter().message(F_CONTAINER_LIST_REQUEST_BODY.ownerId, encodeOwnerIdMessage(owner)).finish();
}

/** `ListResponse.Body{container_ids=1 repeated}`. */
export function decodeListContainersResponseBody(buf: Uint8Array | undefined): ContainerId[] {
  return new ProtoMessage(buf ?? new Uint8Array()).repeatedBytes(F_CONTAINER_LIST_RESPONSE_BODY.containerIds).map((b) => decodeContainerIdMessage(b));
}

/** `PutResponse.Body{container_id=1}`. */
export function decodePutContainerResponseBody(buf: Uint8Array | undefined): ContainerId | undefined {
  const cid = buf && new ProtoMessage(buf).bytes(F_CONTAINER_PUT_RESPONSE_BODY.containerId);
  return cid === undefined ? undefined : decodeContainerIdMessage(cid);
}

/** A container as returned by Get: its raw bytes, decoded form, owner signature and session token. */
export interface SignedContainer {
  container: Container;
  /** Bytes as received; SHA-256 of these is the container ID. */
  bytes: Uint8Array;
  signature?: Signature;
  sessionToken?: Uint8Array;
}

/** `GetResponse.Body{container=1, signature=2, session_token=3}`. */
export function decodeGetContainerResponseBody(buf: Uint8Array | undefined): SignedContainer {
  const m = new ProtoMessage(buf ?? new Uint8Array());
  const bytes = m.bytes(F_CONTAINER_GET_RESPONSE_BODY.container);
  if (bytes === undefined) throw new NeoFSFormatError('container Get response has no container');
  const sig = m.bytes(F_CONTAINER_GET_RESPONSE_BODY.signature);
  const tok = m.bytes(F_CONTAINER_GET_RESPONSE_BODY.sessionToken);
  return {
    container: decodeContainer(bytes),
    bytes,
    ...(sig !== undefined ? { signature: decodeSignatureRFC6979(sig) } : {}),
    ...(tok !== undefined ? { sessionToken: tok } : {}),
  };
}

export interface SignedEACL {
  /** Stable `acl.EACLTable` bytes. */
  eacl: Uint8Array;
  signature?: Signature;
  sessionToken?: Uint8Array;
}

/** `GetExtendedACLResponse.Body{eacl=1, signature=2, session_token=3}`. */
export function decodeGetEACLResponseBody(buf: Uint8Array | undefined): SignedEACL {
  const m = new ProtoMessage(buf ?? new Uint8Array());
  const eacl = m.bytes(F_GET_EACL_RESPONSE_BODY.eacl);
  if (eacl === undefined) throw new NeoFSFormatError('GetExtendedACL response has no eACL table');
  const sig = m.bytes(F_GET_EACL_RESPONSE_BODY.signature);
  const tok = m.bytes(F_GET_EACL_RESPONSE_BODY.sessionToken);
  return {
    eacl,
    ...(sig !== undefined ? { signature: decodeSignatureRFC6979(sig) } : {}),
    ...(tok !== undefined ? { sessionToken: tok } : {}),
  };
}
