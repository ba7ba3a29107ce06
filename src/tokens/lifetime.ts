/**
 * Token lifetimes. Bearer and session v1 tokens and the box object's expiration attribute count
 * epochs; session v2 tokens count unix seconds.
 */

import { InvalidOptionError } from '../errors.js';
import { formatDuration } from '../util/duration.js';

const MAX_UINT64 = 0xffff_ffff_ffff_ffffn;

/** Go's longest `time.Duration` (2^63-1 ns = 2562047h47m16.854775807s), which Go authmate's flag holds. */
export const MAX_LIFETIME_MS = 9_223_372_036_854.775;

/** Refuses a lifetime that is not positive or longer than Go can express (`field: 'lifetime'`). */
export function checkLifetime(lifetimeMs: number): void {
  // Go authmate's wording.
  if (!(lifetimeMs > 0)) throw new InvalidOptionError('LIFETIME_NOT_POSITIVE', 'lifetime', `lifetime must be greater 0, current value: ${formatDuration(lifetimeMs)}`);
  if (lifetimeMs > MAX_LIFETIME_MS) {
    throw new InvalidOptionError('LIFETIME_TOO_LONG', 'lifetime', `lifetime must be at most 2562047h47m16.854775807s (Go's longest duration), got ${formatDuration(lifetimeMs)}`);
  }
}

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
  checkLifetime(lifetimeMs);
  if (epochDurationSeconds <= 0n) throw new InvalidOptionError('EPOCH_DURATION_MISSING', 'network', 'epoch duration is missing or zero in the network info');
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
  checkLifetime(lifetimeMs);
  const issued = Math.floor(nowMs / 1000) - 30;
  const exp = BigInt(issued + Math.floor(lifetimeMs / 1000));
  const start = BigInt(issued - 30);
  return { iat: start, nbf: start, exp };
}
