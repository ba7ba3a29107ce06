/**
 * Session tokens v2 (`neo.fs.v2.session.SessionTokenV2`, neofs-sdk-go `session/v2`, read by
 * neofs-node v0.54 and neofs-s3-gw v0.43+): one token names up to 8 subjects and up to 16
 * contexts of verbs, with a lifetime in Unix seconds.
 *
 *   SessionTokenV2      { body = 1, signature = 2, origin = 3 (SessionTokenV2) }
 *   Body                { version = 1, appdata = 2, issuer = 3, subjects = 4 (repeated Target),
 *                         lifetime = 5 {exp, nbf, iat}, contexts = 6 (repeated), final = 7 }
 *   Target              { oneof { owner_id = 1, nns_name = 2 } }
 *   SessionContextV2    { container = 1, verbs = 2 (packed) }
 *
 * authmate v0.43+ (G4 boxes) puts the secret, encrypted for each gate, into `appdata`.
 */
import {
  decodeContainerIdMessage,
  decodeOwnerIdMessage,
  decodeSignature,
  encodeSignature,
  encodeContainerIdMessage,
  encodeOwnerIdMessage,
  type ContainerId,
  type OwnerId,
} from '../neofs/refs.js';
import { ProtoMessage, ProtoWriter } from '../neofs/proto/wire.js';
import {
  F_SESSION_CONTEXT_V2 as F_CONTEXT,
  F_SESSION_TARGET as F_TARGET,
  F_SESSION_TOKEN_V2 as F_TOKEN,
  F_SESSION_TOKEN_V2_BODY as F_BODY,
} from '../neofs/proto/fields.js';
import { SignatureScheme, type Signature } from '../crypto/signature.js';
import { bytesToHex } from '../crypto/keys.js';
import { TokenFormatError, decodeLifetime, decoding, encodeLifetime, signAsIssuer, verifyIssuerSignature, type TokenLifetime } from './common.js';

/** The unified `session.Verb` enum of v2 tokens. */
export enum SessionVerb {
  OBJECT_PUT = 1,
  OBJECT_GET = 2,
  OBJECT_HEAD = 3,
  OBJECT_SEARCH = 4,
  OBJECT_DELETE = 5,
  OBJECT_RANGE = 6,
  /** Deprecated in the SDK; authmate v0.45 does not grant it. */
  OBJECT_RANGEHASH = 7,
  CONTAINER_PUT = 8,
  CONTAINER_DELETE = 9,
  CONTAINER_SETEACL = 10,
  CONTAINER_SETATTRIBUTE = 11,
  CONTAINER_REMOVEATTRIBUTE = 12,
}

/** SDK limits (`session/v2` constants). */
export const SESSION_V2_LIMITS = Object.freeze({
  subjects: 8,
  contexts: 16,
  verbsPerContext: 12,
  appdataBytes: 1024,
  delegationDepth: 4,
});

/** The only token version the SDK accepts. */
export const SESSION_V2_VERSION = 0;

/** A subject: a user ID, or an NNS name whose members are subjects. */
export type SessionTarget = { ownerId: OwnerId } | { nnsName: string };

export interface SessionContextV2 {
  /** Absent = wildcard (every container of the issuer). */
  containerId?: ContainerId;
  /** Sorted strictly ascending in a valid token. */
  verbs: SessionVerb[];
}

export interface SessionTokenV2Body {
  version: number;
  appdata?: Uint8Array;
  issuer?: OwnerId;
  subjects: SessionTarget[];
  /** Unix seconds. */
  lifetime?: TokenLifetime;
  contexts: SessionContextV2[];
  final: boolean;
}

export interface SessionTokenV2 extends SessionTokenV2Body {
  signature?: Signature;
  /** The token this one was delegated from. */
  origin?: SessionTokenV2;
}

function encodeTarget(t: SessionTarget): Uint8Array {
  if ('ownerId' in t) return new ProtoWriter().message(F_TARGET.ownerId, encodeOwnerIdMessage(t.ownerId)).finish();
  return new ProtoWriter().string(F_TARGET.nnsName, t.nnsName).finish();
}

function encodeContextV2(c: SessionContextV2): Uint8Array {
  const w = new ProtoWriter();
  if (c.containerId !== undefined) w.message(F_CONTEXT.container, encodeContainerIdMessage(c.containerId));
  return w.packedVarints(F_CONTEXT.verbs, c.verbs).finish();
}

/** The signed bytes: stable `SessionTokenV2.Body`. */
export function encodeSessionTokenV2Body(body: SessionTokenV2Body): Uint8Array {
  const w = new ProtoWriter().uint32(F_BODY.version, body.version).bytes(F_BODY.appdata, body.appdata);
  if (body.issuer !== undefined) w.message(F_BODY.issuer, encodeOwnerIdMessage(body.issuer));
  w.repeatedMessages(F_BODY.subjects, body.subjects.map(encodeTarget));
  w.message(F_BODY.lifetime, encodeLifetime(body.lifetime));
  w.repeatedMessages(F_BODY.contexts, body.contexts.map(encodeContextV2));
  return w.bool(F_BODY.final, body.final).finish();
}

export function encodeSessionTokenV2(token: SessionTokenV2): Uint8Array {
  const w = new ProtoWriter().message(F_TOKEN.body, encodeSessionTokenV2Body(token));
  if (token.signature !== undefined) w.message(F_TOKEN.signature, encodeSignature(token.signature));
  if (token.origin !== undefined) w.message(F_TOKEN.origin, encodeSessionTokenV2(token.origin));
  return w.finish();
}

function decodeTarget(buf: Uint8Array, i: number): SessionTarget {
  const m = new ProtoMessage(buf);
  const last = m.fields.filter((f) => f.field === F_TARGET.ownerId || f.field === F_TARGET.nnsName).at(-1);
  if (last === undefined) throw new TokenFormatError(`subject ${i} is empty`);
  if (last.field === F_TARGET.ownerId) return { ownerId: decodeOwnerIdMessage(m.bytes(F_TARGET.ownerId)!) };
  const nnsName = m.string(F_TARGET.nnsName)!;
  if (nnsName === '') throw new TokenFormatError(`subject ${i} has an empty NNS name`);
  return { nnsName };
}

function decodeContextV2(buf: Uint8Array, i: number): SessionContextV2 {
  const m = new ProtoMessage(buf);
  const cnr = m.bytes(F_CONTEXT.container);
  const verbs = m.repeatedVarints(F_CONTEXT.verbs).map((v) => {
    const n = Number(BigInt.asIntN(32, v));
    if (n < 0) throw new TokenFormatError(`context ${i} has a negative verb ${n}`);
    return n as SessionVerb;
  });
  if (cnr === undefined && verbs.length === 0) throw new TokenFormatError(`context ${i} is empty`);
  const c: SessionContextV2 = { verbs };
  if (cnr !== undefined) c.containerId = decodeContainerIdMessage(cnr);
  return c;
}

function decodeV2(buf: Uint8Array, depth: number): SessionTokenV2 {
  if (depth > SESSION_V2_LIMITS.delegationDepth + 1) throw new TokenFormatError('origin chain is too deep');
  const m = new ProtoMessage(buf);
  const body = new ProtoMessage(m.bytes(F_TOKEN.body) ?? new Uint8Array());
  const token: SessionTokenV2 = {
    version: body.number(F_BODY.version) ?? 0,
    subjects: body.repeatedBytes(F_BODY.subjects).map(decodeTarget),
    contexts: body.repeatedBytes(F_BODY.contexts).map(decodeContextV2),
    final: body.bool(F_BODY.final),
  };
  const appdata = body.bytes(F_BODY.appdata);
  if (appdata !== undefined) token.appdata = appdata.slice();
  const issuer = body.bytes(F_BODY.issuer);
  if (issuer !== undefined) token.issuer = decodeOwnerIdMessage(issuer);
  const lt = body.bytes(F_BODY.lifetime);
  if (lt !== undefined) token.lifetime = decodeLifetime(lt);
  const sig = m.bytes(F_TOKEN.signature);
  if (sig !== undefined) token.signature = decodeSignature(sig);
  const origin = m.bytes(F_TOKEN.origin);
  if (origin !== undefined) token.origin = decodeV2(origin, depth + 1);
  return token;
}

export function decodeSessionTokenV2(buf: Uint8Array): SessionTokenV2 {
  return decoding('session token v2', () => decodeV2(buf, 0));
}

/** Sets `issuer` to the signer's user ID, then signs the stable body (as the SDK's `Sign`). */
export function signSessionTokenV2(
  body: SessionTokenV2Body,
  userPrivateKey: Uint8Array,
  scheme: SignatureScheme = SignatureScheme.ECDSA_RFC6979_SHA256,
): SessionTokenV2 {
  return signAsIssuer(body, 'issuer', encodeSessionTokenV2Body, userPrivateKey, scheme);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const ZERO_CID = new Uint8Array(32);

/**
 * Groups (container, verb) grants into the context list a node accepts: one context per
 * container with its verbs unique and ascending, sorted by container ID bytes with the wildcard
 * (the zero ID) first. This is what authmate v0.45 does with `--session-tokens` rules.
 */
export function buildSessionContextsV2(grants: readonly { verb: SessionVerb; containerId?: ContainerId }[]): SessionContextV2[] {
  const byContainer = new Map<string, { containerId?: ContainerId; verbs: Set<SessionVerb> }>();
  for (const g of grants) {
    const key = g.containerId === undefined ? '' : bytesToHex(g.containerId);
    let entry = byContainer.get(key);
    if (entry === undefined) {
      entry = g.containerId === undefined ? { verbs: new Set() } : { containerId: g.containerId, verbs: new Set() };
      byContainer.set(key, entry);
    }
    entry.verbs.add(g.verb);
  }
  return [...byContainer.values()]
    .sort((a, b) => compareBytes(a.containerId ?? ZERO_CID, b.containerId ?? ZERO_CID))
    .map((e) => {
      const c: SessionContextV2 = { verbs: [...e.verbs].sort((x, y) => x - y) };
      if (e.containerId !== undefined) c.containerId = e.containerId;
      return c;
    });
}

/**
 * The SDK's field checks (`Token.Validate` without the delegation chain), which nodes and
 * gateways apply; throws a `TokenFormatError` with the SDK's reason.
 */
export function validateSessionTokenV2(t: SessionTokenV2): void {
  const fail = (msg: string): never => {
    throw new TokenFormatError(`invalid session token v2: ${msg}`);
  };
  if (t.version !== SESSION_V2_VERSION) fail(`version must be ${SESSION_V2_VERSION}, got ${t.version}`);
  if ((t.appdata?.length ?? 0) > SESSION_V2_LIMITS.appdataBytes) {
    fail(`app data is ${t.appdata!.length} bytes, at most ${SESSION_V2_LIMITS.appdataBytes} allowed`);
  }
  if (t.issuer === undefined) fail('issuer is not set');
  if (t.subjects.length === 0) fail('no subjects');
  if (t.subjects.length > SESSION_V2_LIMITS.subjects) fail(`too many subjects: at most ${SESSION_V2_LIMITS.subjects}, got ${t.subjects.length}`);
  const lt = t.lifetime;
  if (lt === undefined || BigInt(lt.iat) === 0n) fail('issued at (iat) is not set');
  if (BigInt(lt!.nbf) === 0n) fail('not valid before (nbf) is not set');
  if (BigInt(lt!.exp) === 0n) fail('expiration (exp) is not set');
  if (BigInt(lt!.nbf) > BigInt(lt!.exp)) fail('nbf is after exp');
  if (BigInt(lt!.iat) > BigInt(lt!.exp)) fail('iat is after exp');
  if (t.contexts.length === 0) fail('no contexts');
  if (t.contexts.length > SESSION_V2_LIMITS.contexts) fail(`too many contexts: at most ${SESSION_V2_LIMITS.contexts}, got ${t.contexts.length}`);
  const wildcardVerbs = t.contexts[0]!.containerId === undefined ? t.contexts[0]!.verbs : undefined;
  t.contexts.forEach((c, i) => {
    if (c.verbs.length === 0) fail(`context ${i} has no verbs`);
    if (c.verbs.length > SESSION_V2_LIMITS.verbsPerContext) fail(`context ${i} has ${c.verbs.length} verbs, at most ${SESSION_V2_LIMITS.verbsPerContext}`);
    for (let j = 1; j < c.verbs.length; j++) {
      if (c.verbs[j]! <= c.verbs[j - 1]!) fail(`context ${i}: verbs must be sorted ascending without repeats`);
    }
    if (i === 0) return;
    const cmp = compareBytes(t.contexts[i - 1]!.containerId ?? ZERO_CID, c.containerId ?? ZERO_CID);
    if (cmp > 0) fail(`contexts must be sorted by container ID (context ${i})`);
    if (cmp === 0) fail(`duplicate ${c.containerId === undefined ? 'wildcard' : 'container'} context at ${i}`);
    if (wildcardVerbs !== undefined && wildcardVerbs.join() === c.verbs.join()) {
      fail(`context ${i}: an explicit container cannot have exactly the wildcard's verbs`);
    }
  });
  if (t.signature === undefined) fail('token is not signed');
}

/** Signature verifies over the stable body, and the key belongs to the issuer. */
export function verifySessionTokenV2(token: SessionTokenV2): void {
  verifyIssuerSignature('session token v2', token.signature, token.issuer, () => encodeSessionTokenV2Body(token));
}

/** Index of `userId` among the direct (user ID) subjects, or -1; NNS subjects need the FS chain. */
export function sessionTokenV2SubjectIndex(token: SessionTokenV2, userId: OwnerId): number {
  const hex = bytesToHex(userId);
  return token.subjects.findIndex((s) => 'ownerId' in s && bytesToHex(s.ownerId) === hex);
}
