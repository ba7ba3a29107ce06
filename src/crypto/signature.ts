/**
 * NeoFS signatures (`neo.fs.v2.refs.Signature`) over P-256 in the API's schemes.
 *
 * - ECDSA_SHA512 (0): digest SHA-512(data) truncated to 256 bits (as Go's ecdsa does), random
 *   nonce, 65-byte `0x04 || r || s` (the form nodes use for responses).
 * - ECDSA_RFC6979_SHA256 (1): digest SHA-256(data), deterministic nonce (RFC 6979), 64-byte
 *   `r || s`. No low-S normalisation: Go's rfc6979 returns the raw `s`, and byte-identical
 *   output (golden vectors) needs the same.
 * - ECDSA_RFC6979_SHA256_WALLET_CONNECT (2): RFC 6979 over a NeoWalletConnect message built
 *   from base64(data) and a random 16-byte salt; 80 bytes `r || s || salt`.
 * - N3 (3): Neo N3 witness (verification + invocation scripts); verification needs the
 *   network magic, so it is only decoded here, never verified.
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { checkPrivateKey } from './keys.js';
import { publicKeyNative, signRandomNative, signRFC6979Native, verifyNative } from './p256-native.js';

export enum SignatureScheme {
  ECDSA_SHA512 = 0,
  ECDSA_RFC6979_SHA256 = 1,
  ECDSA_RFC6979_SHA256_WALLET_CONNECT = 2,
  N3 = 3,
}

/** `refs.Signature`: `key` is the 33-byte compressed public key for the ECDSA schemes. */
export interface Signature {
  key: Uint8Array;
  sign: Uint8Array;
  scheme: SignatureScheme;
}

/** Malformed signature bytes, unsupported scheme, or a key that is not on P-256. */
export class SignatureError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('SIGNATURE', message, options);
  }
}

/** Raw 64-byte `r || s` RFC 6979 signature over SHA-256(data). */
export function signRFC6979(privateKey: Uint8Array, data: Uint8Array): Uint8Array {
  checkPrivateKey(privateKey);
  return signRFC6979Native(privateKey, sha256(data));
}

function walletConnectMessage(data: Uint8Array, salt: Uint8Array): Uint8Array {
  // NeoWalletConnect "signMessage" framing: 01 00 01 f0 || varint(len) || hex(salt) || base64(data) || 00 00.
  const payload = new TextEncoder().encode(Buffer.from(salt).toString('hex') + Buffer.from(data).toString('base64'));
  const n = payload.length;
  let varint: number[];
  if (n < 0xfd) varint = [n];
  else if (n < 0xffff) varint = [0xfd, n & 0xff, n >> 8];
  else varint = [0xfe, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  const out = new Uint8Array(4 + varint.length + n + 2);
  out.set([0x01, 0x00, 0x01, 0xf0], 0);
  out.set(varint, 4);
  out.set(payload, 4 + varint.length);
  return out;
}

/**
 * Signs `data` with a 32-byte P-256 private key in `scheme`; the result carries the compressed
 * public key. N3 witnesses are not produced (no NeoFS flow of ours needs them).
 */
export function signData(privateKey: Uint8Array, data: Uint8Array, scheme: SignatureScheme): Signature {
  checkPrivateKey(privateKey);
  const key = publicKeyNative(privateKey, true);
  switch (scheme) {
    case SignatureScheme.ECDSA_SHA512: {
      // Random nonce like Go's ecdsa.Sign (OpenSSL's; SHA-512 digest truncated to 256 bits as Go does).
      const rs = signRandomNative(privateKey, data, 'sha512');
      const sign = new Uint8Array(65);
      sign[0] = 0x04;
      sign.set(rs, 1);
      return { key, sign, scheme };
    }
    case SignatureScheme.ECDSA_RFC6979_SHA256:
      return { key, sign: signRFC6979(privateKey, data), scheme };
    case SignatureScheme.ECDSA_RFC6979_SHA256_WALLET_CONNECT: {
      const salt = randomBytes(16);
      const rs = signRFC6979(privateKey, walletConnectMessage(data, salt));
      const sign = new Uint8Array(80);
      sign.set(rs, 0);
      sign.set(salt, 64);
      return { key, sign, scheme };
    }
    default:
      throw new SignatureError(`cannot sign with signature scheme ${schemeName(scheme)}`);
  }
}

/** Bad key encoding or r/s out of range give false: not a valid signature. */
function verifyRS(rs: Uint8Array, data: Uint8Array, key: Uint8Array, hash: 'sha256' | 'sha512'): boolean {
  return verifyNative(key, data, rs, hash);
}

/**
 * Whether `sig` is a valid signature of `data`. Wrong lengths, malformed keys and N3 witnesses
 * (which need the chain to check) give `false`; use `checkSignature` for a reason.
 */
export function verifySignature(sig: Signature, data: Uint8Array): boolean {
  return signatureProblem(sig, data) === undefined;
}

/** Throws a `SignatureError` saying why `sig` does not verify over `data`. */
export function checkSignature(sig: Signature, data: Uint8Array, what = 'signature'): void {
  const problem = signatureProblem(sig, data);
  if (problem !== undefined) throw new SignatureError(`${what}: ${problem}`);
}

function signatureProblem(sig: Signature, data: Uint8Array): string | undefined {
  const { key, sign, scheme } = sig;
  if (scheme !== SignatureScheme.N3 && key.length !== 33 && key.length !== 65) {
    return `public key must be 33 or 65 bytes, got ${key.length}`;
  }
  switch (scheme) {
    case SignatureScheme.ECDSA_SHA512:
      if (sign.length !== 65 || sign[0] !== 0x04) return `ECDSA_SHA512 signature must be 65 bytes starting with 0x04, got ${sign.length} bytes`;
      return verifyRS(sign.subarray(1), data, key, 'sha512') ? undefined : 'ECDSA_SHA512 signature does not verify';
    case SignatureScheme.ECDSA_RFC6979_SHA256:
      if (sign.length !== 64) return `ECDSA_RFC6979_SHA256 signature must be 64 bytes, got ${sign.length}`;
      return verifyRS(sign, data, key, 'sha256') ? undefined : 'ECDSA_RFC6979_SHA256 signature does not verify';
    case SignatureScheme.ECDSA_RFC6979_SHA256_WALLET_CONNECT: {
      if (sign.length !== 80) return `wallet-connect signature must be 80 bytes, got ${sign.length}`;
      const msg = walletConnectMessage(data, sign.subarray(64));
      return verifyRS(sign.subarray(0, 64), msg, key, 'sha256') ? undefined : 'wallet-connect signature does not verify';
    }
    case SignatureScheme.N3:
      return 'N3 witnesses cannot be verified without the chain';
    default:
      return `unknown signature scheme ${scheme as number}`;
  }
}

export function schemeName(scheme: SignatureScheme): string {
  return SignatureScheme[scheme] ?? `UNKNOWN(${scheme as number})`;
}
