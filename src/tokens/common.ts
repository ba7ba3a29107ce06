/**
 * Pieces shared by bearer tokens and session tokens v1/v2: the lifetime claims, signing as the
 * issuer, and the error thrown for malformed token bytes.
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { bytesToHex, publicKeyFromPrivate } from '../crypto/keys.js';
import { checkSignature, signData, type Signature, type SignatureScheme } from '../crypto/signature.js';
import { ProtoMessage, ProtoWriter, type Uint64 } from '../neofs/proto/wire.js';
import { ownerIdFromPublicKey, type OwnerId } from '../neofs/refs.js';
import { F_TOKEN_LIFETIME as F_LIFETIME } from '../neofs/proto/fields.js';

/** Bytes that do not decode as the token they claim to be. */
export class TokenFormatError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('TOKEN_FORMAT', message, options);
  }
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
  return new ProtoWriter().uint64(F_LIFETIME.exp, lt.exp).uint64(F_LIFETIME.nbf, lt.nbf).uint64(F_LIFETIME.iat, lt.iat).finish();
}

export function decodeLifetime(buf: Uint8Array): { exp: bigint; nbf: bigint; iat: bigint } {
  const m = new ProtoMessage(buf);
  return { exp: m.bigint(F_LIFETIME.exp) ?? 0n, nbf: m.bigint(F_LIFETIME.nbf) ?? 0n, iat: m.bigint(F_LIFETIME.iat) ?? 0n };
}

/** Runs a decoder, turning wire errors into a `TokenFormatError` that says what was decoded. */
export function decoding<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TokenFormatError) throw err;
    // ProtoDecodeError (malformed protobuf, invalid UTF-8), NeoFSFormatError (bad IDs): all mean bad bytes here.
    throw new TokenFormatError(`invalid ${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * Signs a token body as the SDK's `Sign` does: the signer's user ID is written into the body's
 * issuer field first (`issuer` or, for v1 session tokens, `ownerId`), then the stable encoding of
 * that body is signed.
 */
export function signAsIssuer<B extends object, K extends keyof B>(
  body: B,
  issuerField: K,
  encodeBody: (b: B) => Uint8Array,
  userPrivateKey: Uint8Array,
  scheme: SignatureScheme,
): B & { signature: Signature } {
  const signed = { ...body, [issuerField]: ownerIdFromPublicKey(publicKeyFromPrivate(userPrivateKey)) } as B;
  return { ...signed, signature: signData(userPrivateKey, encodeBody(signed), scheme) };
}

/**
 * What a node checks before using a token: it is signed, the signature verifies over the stable
 * body, and the signing key belongs to the issuer (when the token names one and
 * `issuerOptional` allows it not to). `what` names the token in messages.
 */
export function verifyIssuerSignature(
  what: string,
  signature: Signature | undefined,
  issuer: OwnerId | undefined,
  body: () => Uint8Array,
  issuerName = 'issuer',
  issuerOptional = false,
): void {
  if (signature === undefined) throw new TokenFormatError(`${what} is not signed`);
  if (issuer === undefined && !issuerOptional) throw new TokenFormatError(`${what} has no ${issuerName}`);
  checkSignature(signature, body(), `${what} signature`);
  if (issuer !== undefined && bytesToHex(ownerIdFromPublicKey(signature.key)) !== bytesToHex(issuer)) {
    throw new TokenFormatError(`${what} ${issuerName} does not match the signing key`);
  }
}
