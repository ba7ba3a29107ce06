/**
 * Pieces shared by bearer tokens and session tokens v1/v2: the lifetime claims and the error
 * thrown for malformed token bytes.
 */
import { ProtoMessage, ProtoWriter, type Uint64 } from '../neofs/proto/wire.js';

/** Bytes that do not decode as the token they claim to be. */
export class TokenFormatError extends Error {
  override name = 'TokenFormatError';
}

/**
 * `TokenLifetime{exp=1, nbf=2, iat=3}`: NeoFS epochs for bearer and v1 session tokens, Unix
 * seconds for session tokens v2. Decoders return bigints (the fields are uint64).
 */
export interface TokenLifetime {
  exp: Uint64;
  nbf: Uint64;
  iat: Uint64;
}

/** The SDK writes a lifetime only when one of its claims is non-zero. */
export function encodeLifetime(lt: TokenLifetime | undefined): Uint8Array | undefined {
  if (lt === undefined || (BigInt(lt.exp) === 0n && BigInt(lt.nbf) === 0n && BigInt(lt.iat) === 0n)) return undefined;
  return new ProtoWriter().uint64(1, lt.exp).uint64(2, lt.nbf).uint64(3, lt.iat).finish();
}

export function decodeLifetime(buf: Uint8Array): { exp: bigint; nbf: bigint; iat: bigint } {
  const m = new ProtoMessage(buf);
  return { exp: m.bigint(1) ?? 0n, nbf: m.bigint(2) ?? 0n, iat: m.bigint(3) ?? 0n };
}

/** Runs a decoder, turning wire errors into a `TokenFormatError` that says what was decoded. */
export function decoding<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TokenFormatError) throw err;
    // ProtoDecodeError, NeoFSFormatError (bad IDs), TextDecoder errors: all mean bad bytes here.
    throw new TokenFormatError(`invalid ${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
