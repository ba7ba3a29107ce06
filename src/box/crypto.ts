/**
 * Per-gate encryption of AccessBox generations G1–G3 (and of each gate's secret in G4):
 *
 *   shared = x-coordinate of ECDH(P-256), 32 bytes big-endian
 *   G1: key = HKDF-SHA256(shared, no salt, no info)           XChaCha20-Poly1305  nonce(24) || ct || tag
 *   G2: key = HKDF-SHA256(shared, salt16, "neofs-s3-gw")      XChaCha20-Poly1305  salt || nonce(24) || ct || tag
 *   G3: key = HKDF-SHA256(shared, salt16, "neofs-s3-gw")      AES-256-GCM         salt || nonce(12) || ct || tag
 *
 * No associated data in any generation. Pure functions; randomness is injectable so that
 * golden vectors from Go can be reproduced byte for byte.
 */
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import { createCipheriv, createDecipheriv, createECDH } from 'node:crypto';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes as cryptoRandom } from '@noble/hashes/utils.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';

/** The generations with per-gate encryption; G4 encrypts the secret with the G3 scheme. */
export type GateCipher = 'g1' | 'g2' | 'g3';

export type RandomSource = (n: number) => Uint8Array;

const HKDF_INFO = new TextEncoder().encode('neofs-s3-gw');
const SALT = 16;
const TAG = 16;
const NONCE = { g1: 24, g2: 24, g3: 12 } as const;

/** Smallest sealed blob of each scheme (empty plaintext). */
export const MIN_SEALED_LENGTH = { g1: NONCE.g1 + TAG, g2: SALT + NONCE.g2 + TAG, g3: SALT + NONCE.g3 + TAG } as const;

/** A G3-sealed 32-byte secret: salt16 + nonce12 + ct32 + tag16 = 76 bytes (one G4 appdata slot). */
export const SEALED_SECRET_LENGTH = SALT + NONCE.g3 + 32 + TAG;

/** Thrown when the AEAD tag does not verify: wrong key, or modified data. */
export class GateDecryptError extends AuthmateError {
  constructor(message: string, options?: AuthmateErrorOptions) {
    super('GATE_DECRYPT', message, options);
  }
}

/**
 * ECDH x-coordinate (32 bytes, left-padded), as Go's `generateShared256`. Node's OpenSSL does
 * it ~17x faster than a pure-JS scalar multiplication (0.3 ms vs 5.5 ms), which is most of the
 * cost of opening a box. `publicKey` may be compressed or uncompressed.
 */
export function sharedSecret(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return ecdhKey(privateKey).sharedWith(publicKey);
}

export interface EcdhKey {
  /** 33-byte compressed public key. */
  publicKey: Uint8Array;
  sharedWith(publicKey: Uint8Array): Uint8Array;
}

/** A P-256 private key ready for ECDH; throws for a key that is zero or not below the order. */
export function ecdhKey(privateKey: Uint8Array): EcdhKey {
  if (privateKey.length !== 32) throw new RangeError(`private key must be 32 bytes, got ${privateKey.length}`);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey);
  return {
    publicKey: new Uint8Array(ecdh.getPublicKey(null, 'compressed')),
    sharedWith: (pub) => new Uint8Array(ecdh.computeSecret(pub)),
  };
}

interface Aead {
  /** ciphertext || tag */
  encrypt(plaintext: Uint8Array): Uint8Array;
  /** Throws when the tag does not verify. */
  decrypt(sealed: Uint8Array): Uint8Array;
}

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);

/**
 * AES-256-GCM through node:crypto (OpenSSL). A pure-JS AES (noble's) builds 64K-entry tables
 * when its module loads, ~12 ms at every CLI start, and every G4 box needs AES-GCM.
 */
function aes256gcm(key: Uint8Array, nonce: Uint8Array): Aead {
  return {
    encrypt(plaintext) {
      const c = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG });
      return view(Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]));
    },
    decrypt(sealed) {
      const d = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG });
      d.setAuthTag(sealed.subarray(sealed.length - TAG));
      return view(Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]));
    },
  };
}

function cipherFor(scheme: GateCipher, shared: Uint8Array, salt: Uint8Array | undefined, nonce: Uint8Array): Aead {
  const key = scheme === 'g1' ? hkdf(sha256, shared, undefined, undefined, 32) : hkdf(sha256, shared, salt, HKDF_INFO, 32);
  return scheme === 'g3' ? aes256gcm(key, nonce) : xchacha20poly1305(key, nonce);
}

/** Encrypts `plaintext` for the holder of `publicKey`'s private key. */
export function sealForGate(
  scheme: GateCipher,
  ephemeralPrivateKey: Uint8Array,
  gatePublicKey: Uint8Array,
  plaintext: Uint8Array,
  random: RandomSource = cryptoRandom,
): Uint8Array {
  const shared = sharedSecret(ephemeralPrivateKey, gatePublicKey);
  // Same draw order as Go: salt first, then nonce.
  const salt = scheme === 'g1' ? new Uint8Array(0) : random(SALT);
  const nonce = random(NONCE[scheme]);
  const sealed = cipherFor(scheme, shared, salt, nonce).encrypt(plaintext);
  const out = new Uint8Array(salt.length + nonce.length + sealed.length);
  out.set(salt, 0);
  out.set(nonce, salt.length);
  out.set(sealed, salt.length + nonce.length);
  return out;
}

/**
 * Decrypts a sealed blob with the gate's private key and the box's ephemeral public key.
 * Throws `GateDecryptError` for data shorter than the scheme allows or a failed tag.
 */
export function openFromOwner(
  scheme: GateCipher,
  gatePrivateKey: Uint8Array,
  ephemeralPublicKey: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  return openWithSharedSecret(scheme, sharedSecret(gatePrivateKey, ephemeralPublicKey), data);
}

/** `openFromOwner` with the ECDH result computed once (trial decryption of G3, G2, G1). */
export function openWithSharedSecret(scheme: GateCipher, shared: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length < MIN_SEALED_LENGTH[scheme]) {
    throw new GateDecryptError(`${scheme.toUpperCase()} data is ${data.length} bytes, at least ${MIN_SEALED_LENGTH[scheme]} expected`);
  }
  const saltLen = scheme === 'g1' ? 0 : SALT;
  const salt = data.subarray(0, saltLen);
  const nonce = data.subarray(saltLen, saltLen + NONCE[scheme]);
  try {
    return cipherFor(scheme, shared, salt, nonce).decrypt(data.subarray(saltLen + NONCE[scheme]));
  } catch {
    throw new GateDecryptError(`${scheme.toUpperCase()} authentication tag does not verify`);
  }
}
