/**
 * Token lifetimes. Bearer and session v1 tokens and the box object's expiration attribute count
 * epochs; session v2 tokens count unix seconds.
 */

const MAX_UINT64 = 0xffff_ffff_ffff_ffffn;

export interface EpochLifetime {
  /** Issued-at and not-before epoch: the current one. */
  iat: bigint;
  nbf: bigint;
  /** Last valid epoch. */
  exp: bigint;
}

/**
 * Lifetime in epochs as neofs-s3-gw v0.41+ computes it: whole seconds of the lifetime divided by
 * the epoch duration (seconds since API 2.18), rounded up, added to the current epoch
 * (saturating at 2^64-1).
 */
export function lifetimeToEpochs(lifetimeMs: number, currentEpoch: bigint, epochDurationSeconds: bigint): EpochLifetime {
  if (!(lifetimeMs > 0)) throw new RangeError(`lifetime must be greater than 0, got ${lifetimeMs}ms`);
  if (epochDurationSeconds <= 0n) throw new RangeError('epoch duration is missing or zero in the network info');
  const seconds = BigInt(Math.floor(lifetimeMs / 1000));
  const epochs = (seconds + epochDurationSeconds - 1n) / epochDurationSeconds;
  const exp = currentEpoch + epochs > MAX_UINT64 ? MAX_UINT64 : currentEpoch + epochs;
  return { iat: currentEpoch, nbf: currentEpoch, exp };
}

export interface UnixLifetime {
  iat: bigint;
  nbf: bigint;
  exp: bigint;
}

/**
 * Session v2 lifetime in unix seconds. Nodes check it against the chain time (the last block's
 * timestamp), which lags behind the wall clock when the chain is idle, so iat/nbf are backdated
 * by 60 s as the Go tool v0.45 does (two 30 s steps).
 */
export function lifetimeToUnixSeconds(lifetimeMs: number, nowMs: number): UnixLifetime {
  if (!(lifetimeMs > 0)) throw new RangeError(`lifetime must be greater than 0, got ${lifetimeMs}ms`);
  const issued = Math.floor(nowMs / 1000) - 30;
  const exp = BigInt(issued + Math.floor(lifetimeMs / 1000));
  const start = BigInt(issued - 30);
  return { iat: start, nbf: start, exp };
}
