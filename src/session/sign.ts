/**
 * Signing a prepared session token v1 with the user's key (`util sign session-token`): the
 * "static" half of the NeoFS CLI session document. A token is signed only when a node could
 * accept it: it has a lifetime, a session key and a context with a verb and a target.
 */
import { AuthmateError } from '../errors.js';
import { bytesToHex, publicKeyFromPrivate } from '../crypto/keys.js';
import { SignatureScheme } from '../crypto/signature.js';
import { containerIdToString, ownerIdFromPublicKey, ownerIdToString, uuidToString, type ContainerId, type ObjectId } from '../neofs/refs.js';
import {
  ObjectSessionVerb,
  signSessionToken,
  type ObjectSessionContext,
  type SessionToken,
} from '../tokens/session-v1.js';
import { CONTAINER_VERB_NAMES, OBJECT_VERB_NAMES } from './json.js';

const verbName = (names: Readonly<Record<string, number>>, v: number): string | number =>
  Object.keys(names).find((k) => names[k] === v) ?? v;

/** A token that cannot be signed as it is (missing fields, foreign issuer, bad flags). */
export class SessionTokenNotReadyError extends AuthmateError {
  /** What is missing or wrong: `context`, `verb`, `container`, `lifetime`, `session key`, `issuer`. */
  readonly missing: string[];

  constructor(message: string, missing: string[]) {
    super('SESSION_TOKEN_NOT_READY', message);
    this.missing = missing;
  }
}

/** Parses an object verb name (`PUT`, `get`, ...) as neofs-cli's session verbs. */
export function parseObjectVerb(name: string): ObjectSessionVerb {
  const v = OBJECT_VERB_NAMES[name.toUpperCase()];
  if (v === undefined || v === 0 || !Object.hasOwn(OBJECT_VERB_NAMES, name.toUpperCase())) {
    const names = Object.keys(OBJECT_VERB_NAMES).filter((n) => n !== 'VERB_UNSPECIFIED');
    throw new RangeError(`unknown object session verb ${JSON.stringify(name)} (expected one of ${names.join(', ')})`);
  }
  return v as ObjectSessionVerb;
}

export interface ObjectContextFill {
  verb?: ObjectSessionVerb;
  containerId?: ContainerId;
  /** Limit the session to these objects (neofs-cli `LimitByObjects`). */
  objectIds?: ObjectId[];
}

/**
 * Fills the object context as neofs-cli's `finalizeSession` does for `object put/delete
 * --session <blank token>`: sets the verb, binds the container, limits by objects. A container
 * context cannot be changed into an object one.
 */
export function fillObjectContext(token: SessionToken, fill: ObjectContextFill): SessionToken {
  if (fill.verb === undefined && fill.containerId === undefined && (fill.objectIds ?? []).length === 0) return token;
  if (token.context?.kind === 'container') {
    throw new SessionTokenNotReadyError('the token has a container context; a verb, container or objects fill object contexts only', ['context']);
  }
  const prev: ObjectSessionContext = token.context ?? { kind: 'object', verb: 0 as ObjectSessionVerb, objectIds: [] };
  const next: ObjectSessionContext = { kind: 'object', verb: fill.verb ?? prev.verb, objectIds: fill.objectIds?.length ? [...fill.objectIds] : prev.objectIds };
  const cnr = fill.containerId ?? prev.containerId;
  if (cnr !== undefined) next.containerId = cnr;
  return { ...token, context: next };
}

/** What a node needs that the token lacks (empty when it can be signed). */
export function missingForSigning(token: SessionToken): string[] {
  const missing: string[] = [];
  const c = token.context;
  if (c === undefined) missing.push('context');
  else if (c.kind === 'object') {
    const noVerb = (c.verb as number) === 0;
    if (noVerb && c.containerId === undefined) missing.push('context');
    else {
      if (noVerb) missing.push('verb');
      if (c.containerId === undefined) missing.push('container');
    }
  } else if ((c.verb as number) === 0) missing.push('verb');
  if (token.lifetime === undefined || BigInt(token.lifetime.exp) === 0n) missing.push('lifetime');
  if (token.sessionKey === undefined || token.sessionKey.length === 0) missing.push('session key');
  return missing;
}

const HINTS: Record<string, string> = {
  context: 'no context (verb and container): a blank token from `session create` needs one',
  verb: 'no verb in its context',
  container: 'no container in its object context',
  lifetime: 'no lifetime (expiration epoch)',
  'session key': 'no session key',
};

/** Parts of the context (verb, container); the rest (lifetime, session key) is always required. */
const CONTEXT_PARTS = new Set(['context', 'verb', 'container']);

/** Human words for missing parts, e.g. for a warning. */
export function describeMissing(missing: readonly string[], hint: (part: string) => string | undefined = () => undefined): string {
  return missing.map((m) => [HINTS[m], hint(m)].filter(Boolean).join(': ')).join('; ');
}

/**
 * Throws `SessionTokenNotReadyError` naming every missing part. With `requireContext: false` a
 * token without (a complete) context passes: neofs-cli signs such blank tokens too, and its
 * `object put/delete` fill the context in later (and sign again).
 */
export function checkReadyToSign(token: SessionToken, opts: { requireContext?: boolean } = {}): void {
  const missing = missingForSigning(token).filter((m) => opts.requireContext !== false || !CONTEXT_PARTS.has(m));
  if (missing.length > 0) {
    throw new SessionTokenNotReadyError(`session token is not ready to sign: ${describeMissing(missing)}`, missing);
  }
}

export interface SignSessionTokenOptions {
  token: SessionToken;
  privateKey: Uint8Array;
  /** Default RFC 6979, what `neofs-cli util sign session-token` uses. */
  scheme?: SignatureScheme;
  /**
   * Replace an issuer that is not the signer (neofs-cli `--force-issuer`). Without it such a
   * token is refused: a node accepts only tokens whose issuer owns the signing key.
   */
  forceIssuer?: boolean;
  /** Fill the object context before signing. */
  context?: ObjectContextFill;
  /** Refuse a token without a complete context (default true); see `checkReadyToSign`. */
  requireContext?: boolean;
}

/**
 * Checks and signs a prepared token: the issuer (`owner_id`) becomes the signer's user ID (it
 * must be absent, the signer's already, or `forceIssuer`), then the stable body is signed, as
 * the SDK's `Sign`. A previous signature is replaced.
 */
export function signPreparedSessionToken(o: SignSessionTokenOptions): SessionToken {
  const token = o.context ? fillObjectContext(o.token, o.context) : o.token;
  checkReadyToSign(token, o.requireContext === false ? { requireContext: false } : {});
  const signer = ownerIdFromPublicKey(publicKeyFromPrivate(o.privateKey));
  if (token.ownerId !== undefined && bytesToHex(token.ownerId) !== bytesToHex(signer) && !o.forceIssuer) {
    throw new SessionTokenNotReadyError(
      `session token issuer ${ownerIdToString(token.ownerId)} is not the signing account ${ownerIdToString(signer)}: ` +
        'a node would reject the token unless the signer becomes the issuer (forceIssuer)',
      ['issuer'],
    );
  }
  const { signature: _old, ...body } = token;
  return signSessionToken(body, o.privateKey, o.scheme ?? SignatureScheme.ECDSA_RFC6979_SHA256);
}

/** A short JSON-friendly description of a token (what the CLI prints). */
export function describeSessionToken(t: SessionToken): Record<string, unknown> {
  const c = t.context;
  return {
    id: uuidToString(t.id),
    issuer: t.ownerId === undefined ? null : ownerIdToString(t.ownerId),
    lifetime: t.lifetime === undefined ? null : { iat: String(t.lifetime.iat), nbf: String(t.lifetime.nbf), exp: String(t.lifetime.exp) },
    session_key: t.sessionKey === undefined ? null : bytesToHex(t.sessionKey),
    context:
      c === undefined
        ? null
        : c.kind === 'object'
          ? {
              kind: 'object',
              verb: verbName(OBJECT_VERB_NAMES, c.verb),
              container_id: c.containerId === undefined ? null : containerIdToString(c.containerId),
              objects: c.objectIds.length,
            }
          : { kind: 'container', verb: verbName(CONTAINER_VERB_NAMES, c.verb), container_id: c.containerId === undefined ? '*' : containerIdToString(c.containerId) },
    signed: t.signature !== undefined,
  };
}

