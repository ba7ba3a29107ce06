/**
 * Session tokens v1 (`neo.fs.v2.session.SessionToken`): the issuer lets the holder of
 * `session_key` perform one verb on containers or objects for a range of epochs.
 *
 *   SessionToken      { body = 1, signature = 2 }
 *   SessionToken.Body { id = 1 (16-byte UUIDv4), owner_id = 2, lifetime = 3 {exp, nbf, iat},
 *                       session_key = 4, oneof context { object = 5, container = 6 } }
 *   ContainerSessionContext { verb = 1, wildcard = 2, container_id = 3 }
 *   ObjectSessionContext    { verb = 1, target = 2 { container = 1, objects = 2 (repeated) } }
 *
 * authmate v0.20–v0.42 put one container token per gate and per rule into the AccessBox, with the
 * gate's key as session key. v0.21–v0.42 ignored a rule's container ID (every token wildcard);
 * we honour it: `wildcard = false` and `container_id` set.
 */
import {
  checkUuidV4,
  decodeSignature,
  encodeSignature,
  decodeContainerIdMessage,
  decodeObjectIdMessage,
  decodeOwnerIdMessage,
  encodeContainerIdMessage,
  encodeObjectIdMessage,
  encodeOwnerIdMessage,
  newUuidV4,
  type ContainerId,
  type ObjectId,
  type OwnerId,
} from '../neofs/refs.js';
import { ProtoMessage, ProtoWriter, WireType } from '../neofs/proto/wire.js';
import {
  F_CONTAINER_SESSION_CONTEXT as F_CNR_CTX,
  F_OBJECT_SESSION_CONTEXT as F_OBJ_CTX,
  F_OBJECT_SESSION_TARGET as F_OBJ_TARGET,
  F_SESSION_TOKEN as F_TOKEN,
  F_SESSION_TOKEN_BODY as F_BODY,
} from '../neofs/proto/fields.js';
import { SignatureScheme, type Signature } from '../crypto/signature.js';
import { TokenFormatError, decodeLifetime, decoding, encodeLifetime, signAsIssuer, verifyIssuerSignature, type TokenLifetime } from './common.js';

/** `ContainerSessionContext.Verb` (SETATTRIBUTE/REMOVEATTRIBUTE from API 2.21). */
export enum ContainerSessionVerb {
  PUT = 1,
  DELETE = 2,
  SETEACL = 3,
  SETATTRIBUTE = 4,
  REMOVEATTRIBUTE = 5,
}

/** `ObjectSessionContext.Verb`. */
export enum ObjectSessionVerb {
  PUT = 1,
  GET = 2,
  HEAD = 3,
  SEARCH = 4,
  DELETE = 5,
  RANGE = 6,
  RANGEHASH = 7,
}

/** A container context: `containerId` absent means wildcard (any container of the issuer). */
export interface ContainerSessionContext {
  kind: 'container';
  verb: ContainerSessionVerb;
  containerId?: ContainerId;
}

export interface ObjectSessionContext {
  kind: 'object';
  verb: ObjectSessionVerb;
  containerId?: ContainerId;
  /** Empty = every object of the container. */
  objectIds: ObjectId[];
}

export type SessionContextV1 = ContainerSessionContext | ObjectSessionContext;

export interface SessionTokenBody {
  /** 16-byte UUIDv4. */
  id: Uint8Array;
  /** The issuer's user ID (set by signing). */
  ownerId?: OwnerId;
  /** Epochs. */
  lifetime?: TokenLifetime;
  /** 33-byte compressed key of whoever acts within the session (authmate: the gate). */
  sessionKey?: Uint8Array;
  context?: SessionContextV1;
}

export interface SessionToken extends SessionTokenBody {
  signature?: Signature;
}

function encodeContext(c: SessionContextV1): { field: number; bytes: Uint8Array } {
  if (c.kind === 'container') {
    // The SDK writes either wildcard=true or a container ID, never both.
    const w = new ProtoWriter().enum(F_CNR_CTX.verb, c.verb).bool(F_CNR_CTX.wildcard, c.containerId === undefined);
    if (c.containerId !== undefined) w.message(F_CNR_CTX.containerId, encodeContainerIdMessage(c.containerId));
    return { field: F_BODY.container, bytes: w.finish() };
  }
  const w = new ProtoWriter().enum(F_OBJ_CTX.verb, c.verb);
  if (c.containerId !== undefined || c.objectIds.length > 0) {
    const t = new ProtoWriter();
    if (c.containerId !== undefined) t.message(F_OBJ_TARGET.container, encodeContainerIdMessage(c.containerId));
    t.repeatedMessages(F_OBJ_TARGET.objects, c.objectIds.map(encodeObjectIdMessage));
    w.message(F_OBJ_CTX.target, t.finish());
  }
  return { field: F_BODY.object, bytes: w.finish() };
}

/** The signed bytes: stable `SessionToken.Body`. */
export function encodeSessionTokenBody(body: SessionTokenBody): Uint8Array {
  const w = new ProtoWriter().bytes(F_BODY.id, body.id);
  if (body.ownerId !== undefined) w.message(F_BODY.ownerId, encodeOwnerIdMessage(body.ownerId));
  w.message(F_BODY.lifetime, encodeLifetime(body.lifetime)).bytes(F_BODY.sessionKey, body.sessionKey);
  if (body.context !== undefined) {
    const { field, bytes } = encodeContext(body.context);
    w.message(field, bytes);
  }
  return w.finish();
}

export function encodeSessionToken(token: SessionToken): Uint8Array {
  const w = new ProtoWriter().message(F_TOKEN.body, encodeSessionTokenBody(token));
  if (token.signature !== undefined) w.message(F_TOKEN.signature, encodeSignature(token.signature));
  return w.finish();
}

function decodeContext(field: number, buf: Uint8Array): SessionContextV1 {
  const m = new ProtoMessage(buf);
  if (field === F_BODY.container) {
    const wildcard = m.bool(F_CNR_CTX.wildcard);
    const cnr = m.bytes(F_CNR_CTX.containerId);
    if (wildcard && cnr !== undefined) throw new TokenFormatError('container context has both wildcard and a container ID');
    if (!wildcard && cnr === undefined) throw new TokenFormatError('container context has neither wildcard nor a container ID');
    const c: ContainerSessionContext = { kind: 'container', verb: (m.int(F_CNR_CTX.verb) ?? 0) as ContainerSessionVerb };
    if (cnr !== undefined) c.containerId = decodeContainerIdMessage(cnr);
    return c;
  }
  const c: ObjectSessionContext = { kind: 'object', verb: (m.int(F_OBJ_CTX.verb) ?? 0) as ObjectSessionVerb, objectIds: [] };
  const target = m.bytes(F_OBJ_CTX.target);
  if (target !== undefined) {
    const t = new ProtoMessage(target);
    const cnr = t.bytes(F_OBJ_TARGET.container);
    if (cnr !== undefined) c.containerId = decodeContainerIdMessage(cnr);
    c.objectIds = t.repeatedBytes(F_OBJ_TARGET.objects).map((o) => decodeObjectIdMessage(o));
  }
  return c;
}

export function decodeSessionToken(buf: Uint8Array): SessionToken {
  return decoding('session token', () => {
    const m = new ProtoMessage(buf);
    const body = m.bytes(F_TOKEN.body);
    if (body === undefined) throw new TokenFormatError('session token has no body');
    const b = new ProtoMessage(body);
    const token: SessionToken = { id: checkUuidV4(b.bytes(F_BODY.id) ?? new Uint8Array(), 'session token ID').slice() };
    const owner = b.bytes(F_BODY.ownerId);
    if (owner !== undefined) token.ownerId = decodeOwnerIdMessage(owner);
    const lt = b.bytes(F_BODY.lifetime);
    if (lt !== undefined) token.lifetime = decodeLifetime(lt);
    const key = b.bytes(F_BODY.sessionKey);
    if (key !== undefined) token.sessionKey = key.slice();
    // oneof: the last context field on the wire wins, as in protobuf.
    const ctx = b.fields.filter((f) => f.field === F_BODY.object || f.field === F_BODY.container).at(-1);
    if (ctx !== undefined) {
      if (ctx.wire !== WireType.BYTES) throw new TokenFormatError(`session context field ${ctx.field} is not a message`);
      token.context = decodeContext(ctx.field, ctx.value);
    }
    const sig = m.bytes(F_TOKEN.signature);
    if (sig !== undefined) token.signature = decodeSignature(sig);
    return token;
  });
}

/** Sets `owner_id` to the signer's user ID, then signs the stable body (as the SDK's `Sign`). */
export function signSessionToken(
  body: SessionTokenBody,
  userPrivateKey: Uint8Array,
  scheme: SignatureScheme = SignatureScheme.ECDSA_RFC6979_SHA256,
): SessionToken {
  return signAsIssuer(body, 'ownerId', encodeSessionTokenBody, userPrivateKey, scheme);
}

/** Signed, the signature verifies over the stable body, and the key belongs to `owner_id`. */
export function verifySessionToken(token: SessionToken): void {
  verifyIssuerSignature('session token', token.signature, token.ownerId, () => encodeSessionTokenBody(token), 'owner (issuer)');
}

export interface GateSessionTokenOptions {
  verb: ContainerSessionVerb;
  /** Limit the token to this container; absent = wildcard. */
  containerId?: ContainerId;
  /** The gate's 33-byte compressed public key: it becomes the session key. */
  gatePublicKey: Uint8Array;
  /** Epochs: `nbf` is set equal to `iat`, as authmate does. */
  iat: bigint | number;
  exp: bigint | number;
  userPrivateKey: Uint8Array;
  /** Token ID; a fresh random UUIDv4 when absent. */
  id?: Uint8Array;
}

/** One container session token for one gate and one rule, as authmate v0.42 builds it. */
export function issueGateSessionToken(o: GateSessionTokenOptions): SessionToken {
  const context: ContainerSessionContext = { kind: 'container', verb: o.verb };
  if (o.containerId !== undefined) context.containerId = o.containerId;
  return signSessionToken(
    {
      id: o.id === undefined ? newUuidV4() : checkUuidV4(o.id, 'session token ID'),
      lifetime: { exp: o.exp, nbf: o.iat, iat: o.iat },
      sessionKey: o.gatePublicKey,
      context,
    },
    o.userPrivateKey,
  );
}
