/**
 * Dynamic sessions (`session create`): `SessionService.Create` makes the node generate a session
 * key it keeps; the result is a *blank* session token v1 as `neofs-cli session create` (v0.54)
 * writes it: ID and session key from the node, lifetime `{iat = nbf = current epoch, exp}`, an
 * object context with no verb and no target, no issuer, no signature. Using it (object
 * PUT/DELETE) means filling the context and signing it with the same user's key; the node finds
 * its private key by (token ID, issuer).
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import type { NeoFSClient } from '../neofs/client.js';
import { checkUuidV4 } from '../neofs/refs.js';
import { lifetimeToEpochs } from '../tokens/lifetime.js';
import type { ObjectSessionVerb, SessionContextV1, SessionToken } from '../tokens/session-v1.js';

/** neofs-cli's default: 10 epochs. */
export const DEFAULT_SESSION_LIFETIME_EPOCHS = 10n;

/** How long the session lives: a number of epochs, or a duration converted with the epoch length. */
export type SessionLifetime = { epochs: bigint | number } | { durationMs: number };

export interface CreateDynamicSessionOptions {
  /** Signs the Create request; its user becomes the session's owner on the node. */
  client: NeoFSClient;
  /** Last valid epoch; wins over `lifetime` (neofs-cli `--expire-at`). */
  expireAt?: bigint | number;
  /** Default 10 epochs (neofs-cli `--lifetime`). */
  lifetime?: SessionLifetime;
  /** A context for the token (default: neofs-cli's blank object context). */
  context?: SessionContextV1;
  timeoutMs?: number;
}

export interface CreatedDynamicSession {
  /** Unsigned; `ownerId` unset. */
  token: SessionToken;
  currentEpoch: bigint;
}

/** Bad lifetime input: expiration not after the current epoch, zero lifetime. */
export class SessionLifetimeError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('SESSION_LIFETIME', message, { field: 'lifetime', ...options });
  }
}

/** Expiration epoch as neofs-cli computes it: `expireAt`, else current + lifetime; must be > current. */
export function sessionExpiration(currentEpoch: bigint, epochDurationSeconds: bigint, expireAt?: bigint | number, lifetime?: SessionLifetime): bigint {
  let exp: bigint;
  if (expireAt !== undefined && BigInt(expireAt) !== 0n) exp = BigInt(expireAt);
  else if (lifetime !== undefined && 'durationMs' in lifetime) {
    try {
      exp = lifetimeToEpochs(lifetime.durationMs, currentEpoch, epochDurationSeconds).exp;
    } catch (err) {
      throw new SessionLifetimeError((err as Error).message, { cause: err });
    }
  } else {
    const epochs = lifetime === undefined ? DEFAULT_SESSION_LIFETIME_EPOCHS : BigInt(lifetime.epochs);
    if (epochs <= 0n) throw new SessionLifetimeError(`lifetime must be at least 1 epoch, got ${epochs}`);
    exp = currentEpoch + epochs;
  }
  if (exp <= currentEpoch) throw new SessionLifetimeError(`expiration epoch ${exp} must be greater than the current epoch ${currentEpoch}`);
  return exp;
}

/** Opens a session on the client's node and returns the blank (unsigned) token. */
export async function createDynamicSession(o: CreateDynamicSessionOptions): Promise<CreatedDynamicSession> {
  const call = o.timeoutMs === undefined ? undefined : { timeoutMs: o.timeoutMs };
  const net = await o.client.networkInfo(call);
  const exp = sessionExpiration(net.currentEpoch, net.epochDuration, o.expireAt, o.lifetime);
  const created = await o.client.sessionCreate(exp, call);
  const token: SessionToken = {
    id: checkUuidV4(created.id, 'session ID from the node').slice(),
    lifetime: { exp, nbf: net.currentEpoch, iat: net.currentEpoch },
    sessionKey: created.sessionKey.slice(),
    // session.Object always writes its context: a blank one is `object {}` (bytes 2a 00).
    context: o.context ?? { kind: 'object', verb: 0 as ObjectSessionVerb, objectIds: [] },
  };
  return { token, currentEpoch: net.currentEpoch };
}
