/**
 * P-256 (secp256r1) key helpers in Neo N3 / NeoFS terms: compressed public keys, the standard
 * single-signature verification script, its script hash, N3 addresses and WIF.
 *
 * Pure functions; every failure is a `KeyFormatError` whose message names what was wrong.
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import bs58 from 'bs58';
import { convertPublicKey, isValidScalar, publicKeyNative } from './p256-native.js';
import { CHECKSIG_SYSCALL, PUSH_KEY } from './script.js';

/** A malformed key, address, script hash or WIF. */
export class KeyFormatError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('KEY_FORMAT', message, options);
  }
}

/** N3 address version byte (addresses start with `N`). */
export const ADDRESS_VERSION = 0x35;

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Strict hex decoding (optional `0x`), so that typos are not silently truncated. */
export function hexToBytes(hex: string, what = 'hex string'): Uint8Array {
  const s = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (!HEX_RE.test(s)) throw new KeyFormatError(`${what} is not valid hex: ${JSON.stringify(hex)}`);
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** The one private key check: 32 bytes, 0 < d < n. Throws `KeyFormatError`. */
export function checkPrivateKey(priv: Uint8Array): void {
  if (priv.length !== 32) throw new KeyFormatError(`private key must be 32 bytes, got ${priv.length}`);
  if (!isValidScalar(priv)) throw new KeyFormatError('private key is zero or not below the P-256 group order');
}

/** Public key of a 32-byte private key: 33-byte compressed (default) or 65-byte uncompressed. */
export function publicKeyFromPrivate(priv: Uint8Array, compressed = true): Uint8Array {
  checkPrivateKey(priv);
  return publicKeyNative(priv, compressed);
}

/**
 * Reads a public key given as bytes or hex, compressed (33 bytes) or uncompressed (65 bytes),
 * checks that it lies on P-256 and returns it compressed (33 bytes).
 */
export function parsePublicKey(key: string | Uint8Array): Uint8Array {
  const bytes = typeof key === 'string' ? hexToBytes(key.trim(), 'public key') : key;
  if (bytes.length !== 33 && bytes.length !== 65) {
    throw new KeyFormatError(`public key must be 33 bytes (compressed) or 65 bytes (uncompressed), got ${bytes.length}`);
  }
  const prefix = bytes[0]!;
  if (bytes.length === 33 && prefix !== 0x02 && prefix !== 0x03) {
    throw new KeyFormatError(`compressed public key must start with 0x02 or 0x03, got 0x${prefix.toString(16).padStart(2, '0')}`);
  }
  if (bytes.length === 65 && prefix !== 0x04) {
    throw new KeyFormatError(`uncompressed public key must start with 0x04, got 0x${prefix.toString(16).padStart(2, '0')}`);
  }
  try {
    return convertPublicKey(bytes, true);
  } catch {
    throw new KeyFormatError('public key is not a point on the P-256 curve');
  }
}

/** Uncompressed (65-byte, 0x04-prefixed) form of a public key. */
export function decompressPublicKey(key: string | Uint8Array): Uint8Array {
  return convertPublicKey(parsePublicKey(key), false);
}

/** Standard N3 single-signature verification script: PUSHDATA1 <pub33> SYSCALL CheckSig (40 bytes). */
export function verificationScript(pub33: Uint8Array): Uint8Array {
  if (pub33.length !== 33) throw new KeyFormatError(`verification script needs a 33-byte compressed public key, got ${pub33.length}`);
  const script = new Uint8Array(40);
  script.set(PUSH_KEY, 0);
  script.set(pub33, 2);
  script.set(CHECKSIG_SYSCALL, 35);
  return script;
}

export { isSignatureScript } from './script.js';

/** RIPEMD160(SHA256(script)), in hash output order (what addresses encode; NeoFS owner IDs too). */
export function hash160(script: Uint8Array): Uint8Array {
  return ripemd160(sha256(script));
}

/** Script hash of the standard verification script of a compressed public key (20 bytes). */
export function scriptHash(pub33: Uint8Array): Uint8Array {
  return hash160(verificationScript(pub33));
}

function checksum(payload: Uint8Array): Uint8Array {
  return sha256(sha256(payload)).subarray(0, 4);
}

/** Base58 with a 4-byte double-SHA256 checksum, as Neo uses for addresses and WIF. */
export function base58CheckEncode(payload: Uint8Array): string {
  const out = new Uint8Array(payload.length + 4);
  out.set(payload, 0);
  out.set(checksum(payload), payload.length);
  return bs58.encode(out);
}

export function base58CheckDecode(text: string, what = 'base58check string'): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = bs58.decode(text);
  } catch {
    throw new KeyFormatError(`${what} is not valid base58: ${JSON.stringify(text)}`);
  }
  if (raw.length < 5) throw new KeyFormatError(`${what} is too short: ${JSON.stringify(text)}`);
  const payload = raw.subarray(0, raw.length - 4);
  const want = checksum(payload);
  if (!want.every((b, i) => raw[payload.length + i] === b)) {
    throw new KeyFormatError(`${what} has a wrong checksum: ${JSON.stringify(text)}`);
  }
  return payload;
}

/** N3 address of a 20-byte script hash (hash output order). */
export function addressFromScriptHash(hash: Uint8Array): string {
  if (hash.length !== 20) throw new KeyFormatError(`script hash must be 20 bytes, got ${hash.length}`);
  const payload = new Uint8Array(21);
  payload[0] = ADDRESS_VERSION;
  payload.set(hash, 1);
  return base58CheckEncode(payload);
}

/** N3 address (base58check, version 0x35) of a compressed public key. */
export function addressFromPublicKey(pub33: Uint8Array): string {
  return addressFromScriptHash(scriptHash(pub33));
}

/** Script hash (hash output order) encoded in an N3 address; checks version and checksum. */
export function scriptHashFromAddress(address: string): Uint8Array {
  const payload = base58CheckDecode(address, 'address');
  if (payload.length !== 21) throw new KeyFormatError(`address must encode 21 bytes, got ${payload.length}: ${address}`);
  if (payload[0] !== ADDRESS_VERSION) {
    throw new KeyFormatError(`address version must be 0x35 (N3), got 0x${payload[0]!.toString(16).padStart(2, '0')}: ${address}`);
  }
  return payload.slice(1);
}

/**
 * Reads a private key in WIF (base58check of 0x80 || key || 0x01), the form
 * `neo-go wallet export --decrypt` prints.
 */
export function privateKeyFromWIF(wif: string): Uint8Array {
  const payload = base58CheckDecode(wif.trim(), 'WIF');
  if (payload.length !== 34 || payload[0] !== 0x80 || payload[33] !== 0x01) {
    throw new KeyFormatError('WIF must encode 0x80 || 32-byte key || 0x01 (compressed)');
  }
  const priv = payload.slice(1, 33);
  checkPrivateKey(priv);
  return priv;
}

/** WIF of a private key (compressed-public-key flag set, as Neo uses). */
export function privateKeyToWIF(priv: Uint8Array): string {
  checkPrivateKey(priv);
  const payload = new Uint8Array(34);
  payload[0] = 0x80;
  payload.set(priv, 1);
  payload[33] = 0x01;
  return base58CheckEncode(payload);
}
