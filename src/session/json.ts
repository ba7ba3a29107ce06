/**
 * Session tokens v1 in protojson, the form `neofs-cli session create --json` and
 * `neofs-cli util sign session-token` write: the SDK's `MarshalJSON` (Go protojson with
 * `EmitUnpopulated`), so every field appears, unset messages as `null`, uint64 as decimal
 * strings, bytes as standard base64, enums by name.
 *
 * Reading is strict protojson (as the SDK's `UnmarshalJSON`): JSON or proto field names, unknown
 * fields are errors, `null` = unset, enums by name or number, uint64 as string or number.
 */
import { SignatureScheme, type Signature } from '../crypto/signature.js';
import { checkContainerId, checkObjectId, checkOwnerId, checkUuidV4 } from '../neofs/refs.js';
import {
  JsonFieldError,
  childPath,
  describe,
  enumName,
  readArray,
  readBytes,
  readEnum,
  readMessage,
  type FieldName,
  type JsonValue,
} from '../util/protojson.js';
import { TokenFormatError } from '../tokens/common.js';
import {
  ContainerSessionVerb,
  ObjectSessionVerb,
  type ContainerSessionContext,
  type ObjectSessionContext,
  type SessionToken,
} from '../tokens/session-v1.js';

/** `ObjectSessionContext.Verb` names as protojson prints them. */
export const OBJECT_VERB_NAMES: Readonly<Record<string, number>> = {
  VERB_UNSPECIFIED: 0,
  PUT: ObjectSessionVerb.PUT,
  GET: ObjectSessionVerb.GET,
  HEAD: ObjectSessionVerb.HEAD,
  SEARCH: ObjectSessionVerb.SEARCH,
  DELETE: ObjectSessionVerb.DELETE,
  RANGE: ObjectSessionVerb.RANGE,
  RANGEHASH: ObjectSessionVerb.RANGEHASH,
};

/** `ContainerSessionContext.Verb` names as protojson prints them. */
export const CONTAINER_VERB_NAMES: Readonly<Record<string, number>> = {
  VERB_UNSPECIFIED: 0,
  PUT: ContainerSessionVerb.PUT,
  DELETE: ContainerSessionVerb.DELETE,
  SETEACL: ContainerSessionVerb.SETEACL,
  SETATTRIBUTE: ContainerSessionVerb.SETATTRIBUTE,
  REMOVEATTRIBUTE: ContainerSessionVerb.REMOVEATTRIBUTE,
};

export const SCHEME_NAMES: Readonly<Record<string, number>> = {
  ECDSA_SHA512: SignatureScheme.ECDSA_SHA512,
  ECDSA_RFC6979_SHA256: SignatureScheme.ECDSA_RFC6979_SHA256,
  ECDSA_RFC6979_SHA256_WALLET_CONNECT: SignatureScheme.ECDSA_RFC6979_SHA256_WALLET_CONNECT,
  N3: SignatureScheme.N3,
};

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const idValue = (v: Uint8Array | undefined): { value: string } | null => (v === undefined ? null : { value: b64(v) });

/** The token as the protojson object the SDK's `MarshalJSON` builds (key order as Go's). */
export function sessionTokenToJsonObject(t: SessionToken): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: b64(t.id),
    ownerID: idValue(t.ownerId),
    lifetime:
      t.lifetime === undefined
        ? null
        : { exp: String(BigInt(t.lifetime.exp)), nbf: String(BigInt(t.lifetime.nbf)), iat: String(BigInt(t.lifetime.iat)) },
    sessionKey: b64(t.sessionKey ?? new Uint8Array()),
  };
  const c = t.context;
  if (c?.kind === 'object') {
    const target =
      c.containerId === undefined && c.objectIds.length === 0
        ? null
        : { container: idValue(c.containerId), objects: c.objectIds.map((o) => ({ value: b64(o) })) };
    body.object = { verb: enumName(OBJECT_VERB_NAMES, c.verb), target };
  } else if (c?.kind === 'container') {
    body.container = {
      verb: enumName(CONTAINER_VERB_NAMES, c.verb),
      wildcard: c.containerId === undefined,
      containerID: idValue(c.containerId),
    };
  }
  const sig = t.signature;
  return {
    body,
    signature: sig === undefined ? null : { key: b64(sig.key), signature: b64(sig.sign), scheme: enumName(SCHEME_NAMES, sig.scheme) },
  };
}

/** Compact protojson text (no trailing newline, as neofs-cli writes its files). */
export function encodeSessionTokenJson(t: SessionToken, indent?: number): string {
  return JSON.stringify(sessionTokenToJsonObject(t), null, indent);
}

// ---------------------------------------------------------------------------------------------
// Reading

const F = (json: string, proto = json): FieldName => ({ json, proto });
const TOKEN_FIELDS = [F('body'), F('signature')] as const;
const BODY_FIELDS = [F('id'), F('ownerID', 'owner_id'), F('lifetime'), F('sessionKey', 'session_key'), F('object'), F('container')] as const;
const LIFETIME_FIELDS = [F('exp'), F('nbf'), F('iat')] as const;

/** `TokenLifetime{exp, nbf, iat}` of bearer and session v1 tokens, uint64 epochs as strings. */
export function readLifetime(v: JsonValue, path: string): { exp: bigint; nbf: bigint; iat: bigint } {
  const lt = readMessage(v, path, fields(LIFETIME_FIELDS));
  return { exp: readUint64(lt.exp, `${path}.exp`), nbf: readUint64(lt.nbf, `${path}.nbf`), iat: readUint64(lt.iat, `${path}.iat`) };
}
const OBJECT_CTX_FIELDS = [F('verb'), F('target')] as const;
const TARGET_FIELDS = [F('container'), F('objects')] as const;
const CONTAINER_CTX_FIELDS = [F('verb'), F('wildcard'), F('containerID', 'container_id')] as const;
const ID_FIELDS = [F('value')] as const;
const SIGNATURE_FIELDS = [F('key'), F('signature', 'sign'), F('scheme')] as const;

const UINT64_TEXT = /^(0|[1-9][0-9]*)$/;

export function readUint64(v: JsonValue | undefined, path: string): bigint {
  if (v === undefined) return 0n;
  let n: bigint;
  if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
  else if (typeof v === 'string' && UINT64_TEXT.test(v)) n = BigInt(v);
  else throw new JsonFieldError(path, `expected uint64, got ${describe(v)}`);
  if (n < 0n || n > 0xffff_ffff_ffff_ffffn) throw new JsonFieldError(path, `${String(v)} is out of uint64 range`);
  return n;
}

function readBool(v: JsonValue | undefined, path: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new JsonFieldError(path, `expected true or false, got ${describe(v)}`);
  return v;
}

/** `{"value": base64}` (OwnerID, ContainerID, ObjectID), checked by `check`. */
export function readIdMessage<T extends Uint8Array>(v: JsonValue, path: string, check: (b: Uint8Array) => T): T {
  const m = readMessage(v, path, ID_FIELDS as unknown as (FieldName & { json: 'value' })[]);
  const bytes = readBytes(m.value, childPath(path, 'value'));
  try {
    return check(bytes);
  } catch (err) {
    throw new JsonFieldError(childPath(path, 'value'), (err as Error).message);
  }
}

export type Fields<T extends readonly FieldName[]> = (FieldName & { json: T[number]['json'] })[];
export const fields = <T extends readonly FieldName[]>(f: T): Fields<T> => f as unknown as Fields<T>;

export function readSignature(v: JsonValue, path: string): Signature {
  const m = readMessage(v, path, fields(SIGNATURE_FIELDS));
  return {
    key: readBytes(m.key, childPath(path, 'key')),
    sign: readBytes(m.signature, childPath(path, 'signature')),
    scheme: readEnum(m.scheme, childPath(path, 'scheme'), SCHEME_NAMES) as SignatureScheme,
  };
}

function readObjectContext(v: JsonValue, path: string): ObjectSessionContext {
  const m = readMessage(v, path, fields(OBJECT_CTX_FIELDS));
  const c: ObjectSessionContext = {
    kind: 'object',
    verb: readEnum(m.verb, childPath(path, 'verb'), OBJECT_VERB_NAMES) as ObjectSessionVerb,
    objectIds: [],
  };
  if (m.target !== undefined) {
    const tp = childPath(path, 'target');
    const t = readMessage(m.target, tp, fields(TARGET_FIELDS));
    if (t.container !== undefined) c.containerId = readIdMessage(t.container, childPath(tp, 'container'), checkContainerId);
    c.objectIds = readArray(t.objects, childPath(tp, 'objects')).map((o, i) => {
      const op = childPath(childPath(tp, 'objects'), i);
      if (o === null) throw new JsonFieldError(op, 'expected an object ID, got null');
      return readIdMessage(o, op, checkObjectId);
    });
  }
  return c;
}

function readContainerContext(v: JsonValue, path: string): ContainerSessionContext {
  const m = readMessage(v, path, fields(CONTAINER_CTX_FIELDS));
  const wildcard = readBool(m.wildcard, childPath(path, 'wildcard'));
  const c: ContainerSessionContext = {
    kind: 'container',
    verb: readEnum(m.verb, childPath(path, 'verb'), CONTAINER_VERB_NAMES) as ContainerSessionVerb,
  };
  // As the SDK: exactly one of wildcard and a container ID.
  if (wildcard && m.containerID !== undefined) throw new JsonFieldError(path, 'container context has both wildcard and a container ID');
  if (!wildcard && m.containerID === undefined) throw new JsonFieldError(path, 'container context has neither wildcard nor a container ID');
  if (m.containerID !== undefined) c.containerId = readIdMessage(m.containerID, childPath(path, 'containerID'), checkContainerId);
  return c;
}

/** Reads a parsed protojson value as a session token v1. Errors name the JSON path. */
export function sessionTokenFromJsonValue(value: JsonValue): SessionToken {
  const top = readMessage(value, '', fields(TOKEN_FIELDS));
  if (top.body === undefined) throw new JsonFieldError('body', 'session token has no body');
  const b = readMessage(top.body, 'body', fields(BODY_FIELDS));
  const id = readBytes(b.id, 'body.id');
  try {
    checkUuidV4(id, 'session token ID');
  } catch (err) {
    throw new JsonFieldError('body.id', (err as Error).message);
  }
  const t: SessionToken = { id };
  if (b.ownerID !== undefined) t.ownerId = readIdMessage(b.ownerID, 'body.ownerID', checkOwnerId);
  if (b.lifetime !== undefined) t.lifetime = readLifetime(b.lifetime, 'body.lifetime');
  const key = readBytes(b.sessionKey, 'body.sessionKey');
  if (key.length > 0) t.sessionKey = key;
  if (b.object !== undefined && b.container !== undefined) {
    throw new JsonFieldError('body', 'both "object" and "container" contexts are set (only one is allowed)');
  }
  if (b.object !== undefined) t.context = readObjectContext(b.object, 'body.object');
  if (b.container !== undefined) t.context = readContainerContext(b.container, 'body.container');
  if (top.signature !== undefined) t.signature = readSignature(top.signature, 'signature');
  return t;
}

/** Parses protojson token text with `fromValue`; malformed input is a `TokenFormatError` saying which token. */
export function decodeTokenJson<T>(text: string, what: string, fromValue: (value: JsonValue) => T): T {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new TokenFormatError(`invalid ${what} JSON: ${(err as Error).message}`, { cause: err });
  }
  try {
    return fromValue(value);
  } catch (err) {
    if (err instanceof JsonFieldError) throw new TokenFormatError(`invalid ${what} JSON: ${err.message}`, { cause: err, position: err.path });
    throw err;
  }
}

/** Parses protojson text as a session token v1; malformed input is a `TokenFormatError`. */
export function decodeSessionTokenJson(text: string): SessionToken {
  return decodeTokenJson(text, 'session token', sessionTokenFromJsonValue);
}
