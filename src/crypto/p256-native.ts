/**
 * P-256 through node:crypto (OpenSSL): public keys, ECDSA signing and verification.
 *
 * Why not @noble/curves here: in a short-lived CLI process its first scalar multiplications pay
 * for JIT warm-up and the base-point table (~100 ms for the first getPublicKey, tens of ms per
 * cold sign/verify), which dominated issue-secret/obtain-secret after the network waits.
 * OpenSSL has no such start-up cost.
 *
 * RFC 6979 (deterministic nonce) is not exposed by node:crypto, so `signRFC6979Native` derives k
 * with HMAC-DRBG exactly as RFC 6979 §3.2 and uses OpenSSL only for k·G (ECDH public key of k);
 * the modular arithmetic is BigInt. The output equals @noble/curves' `sign(..., {lowS: false})`.
 */
import { ECDH, createECDH, createHmac, createPublicKey, createPrivateKey, randomBytes, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';

/** Group order n of P-256. */
export const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const bytesToBig = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')}`));
const bigTo32 = (x: bigint): Buffer => Buffer.from(x.toString(16).padStart(64, '0'), 'hex');

/** 0 < d < n for a 32-byte scalar. */
export function isValidScalar(d: Uint8Array): boolean {
  if (d.length !== 32) return false;
  const x = bytesToBig(d);
  return x > 0n && x < P256_N;
}

/** Public key of a valid 32-byte scalar (caller checks validity). */
export function publicKeyNative(priv: Uint8Array, compressed = true): Uint8Array {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(priv);
  return new Uint8Array(ecdh.getPublicKey(undefined, compressed ? 'compressed' : 'uncompressed'));
}

/**
 * Checks through OpenSSL that `key` (33 or 65 bytes) is a point on P-256 (EC_POINT_oct2point
 * rejects points off the curve) and returns it in the requested form; throws otherwise.
 */
export function convertPublicKey(key: Uint8Array, compressed: boolean): Uint8Array {
  return new Uint8Array(ECDH.convertKey(key, 'prime256v1', undefined, undefined, compressed ? 'compressed' : 'uncompressed') as Buffer);
}

const b64u = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');

/**
 * OpenSSL key objects of the private keys in use (building one costs more than a signature).
 * Keyed by the caller's array, never by the key's bytes or hex: an entry lives exactly as long as
 * the caller keeps the array, and nothing here outlives it. `copy` catches an array that was
 * overwritten (e.g. zeroed) since: then the entry is rebuilt from the current bytes.
 */
const privateKeys = new WeakMap<Uint8Array, { copy: Uint8Array; key: KeyObject }>();
function privateKeyObject(priv: Uint8Array): KeyObject {
  const hit = privateKeys.get(priv);
  if (hit && hit.copy.length === priv.length && hit.copy.every((b, i) => b === priv[i])) return hit.key;
  const pub = publicKeyNative(priv, false);
  const key = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(priv), x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33, 65)) }, format: 'jwk' });
  privateKeys.set(priv, { copy: Uint8Array.from(priv), key });
  return key;
}

// SubjectPublicKeyInfo prefixes (id-ecPublicKey, prime256v1) for a compressed / uncompressed point.
const SPKI_33 = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');
const SPKI_65 = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const publicKeys = new Map<string, KeyObject | null>();
/** KeyObject of a 33/65-byte public key, or null if it is not a point on P-256 (cached: nodes sign every response with one key). */
function publicKeyObject(key: Uint8Array): KeyObject | null {
  const id = Buffer.from(key).toString('hex');
  let k = publicKeys.get(id);
  if (k === undefined) {
    const prefix = key.length === 33 ? SPKI_33 : key.length === 65 ? SPKI_65 : undefined;
    try {
      k = prefix ? createPublicKey({ key: Buffer.concat([prefix, key]), format: 'der', type: 'spki' }) : null;
    } catch {
      k = null;
    }
    if (publicKeys.size > 256) publicKeys.clear();
    publicKeys.set(id, k);
  }
  return k;
}

/** ECDSA over `hash`(data) with a random nonce; 64-byte `r || s` (s not normalised, as Go). */
export function signRandomNative(priv: Uint8Array, data: Uint8Array, hash: 'sha256' | 'sha512'): Uint8Array {
  return new Uint8Array(nodeSign(hash, data, { key: privateKeyObject(priv), dsaEncoding: 'ieee-p1363' }));
}

/** Whether the 64-byte `r || s` is a valid ECDSA signature of `hash`(data) under `key`. */
export function verifyNative(key: Uint8Array, data: Uint8Array, rs: Uint8Array, hash: 'sha256' | 'sha512'): boolean {
  if (rs.length !== 64) return false;
  const k = publicKeyObject(key);
  if (!k) return false;
  try {
    return nodeVerify(hash, data, { key: k, dsaEncoding: 'ieee-p1363' }, rs);
  } catch {
    return false;
  }
}

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;
function invert(a: bigint, m: bigint): bigint {
  // Extended Euclid; a is in [1, m-1] and m prime.
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

/**
 * RFC 6979 §3.2 (HMAC-SHA256) nonce candidates for `priv` and a 32-byte digest: each call returns
 * the next 32-byte candidate k (step h; from the second call on, after the step h.3 update that
 * follows a rejected candidate).
 */
export function rfc6979Nonces(priv: Uint8Array, digest: Uint8Array): () => Uint8Array {
  const x = bigTo32(bytesToBig(priv));
  const h1 = bigTo32(mod(bytesToBig(digest), P256_N)); // bits2octets
  const hmac = (key: Buffer, ...parts: Uint8Array[]): Buffer => {
    const m = createHmac('sha256', key);
    for (const p of parts) m.update(p);
    return m.digest();
  };
  let V: Buffer = Buffer.alloc(32, 0x01);
  let K: Buffer = Buffer.alloc(32, 0x00);
  K = hmac(K, V, Buffer.of(0x00), x, h1);
  V = hmac(K, V);
  K = hmac(K, V, Buffer.of(0x01), x, h1);
  V = hmac(K, V);
  let first = true;
  return () => {
    if (!first) {
      K = hmac(K, V, Buffer.of(0x00));
      V = hmac(K, V);
    }
    first = false;
    V = hmac(K, V);
    return new Uint8Array(V);
  };
}

/**
 * ECDSA over a 32-byte digest with nonces from `nextK`, taking the first candidate with
 * 0 < k < n, r ≠ 0 and s ≠ 0 (the rejections RFC 6979 §3.2 step h.3 and FIPS 186 require);
 * 64-byte `r || s`, no low-S. An internal seam: `signRFC6979Native` passes the RFC 6979 nonces,
 * tests inject k to reach the rejection branches. `priv` must be a valid scalar.
 */
export function signWithNonces(priv: Uint8Array, digest: Uint8Array, nextK: () => Uint8Array): Uint8Array {
  const d = bytesToBig(priv);
  const e = bytesToBig(digest); // 256-bit digest on a 256-bit curve: bits2int is the identity
  const ecdh = createECDH('prime256v1');
  for (;;) {
    const kBytes = nextK();
    const k = bytesToBig(kBytes);
    if (k <= 0n || k >= P256_N) continue;
    ecdh.setPrivateKey(kBytes);
    const R = ecdh.getPublicKey(undefined, 'compressed');
    const r = mod(bytesToBig(R.subarray(1)), P256_N);
    if (r === 0n) continue;
    const s = mod(invert(k, P256_N) * (e + r * d), P256_N);
    if (s === 0n) continue;
    const out = new Uint8Array(64);
    out.set(bigTo32(r), 0);
    out.set(bigTo32(s), 32);
    return out;
  }
}

/**
 * Deterministic ECDSA (RFC 6979, HMAC-SHA256) over a 32-byte digest; 64-byte `r || s`, no low-S.
 * `priv` must be a valid scalar.
 */
export function signRFC6979Native(priv: Uint8Array, digest: Uint8Array): Uint8Array {
  return signWithNonces(priv, digest, rfc6979Nonces(priv, digest));
}

/** A uniformly random valid scalar (rejection sampling; a retry is needed with probability ~2^-32). */
export function randomScalar(): Uint8Array {
  for (;;) {
    const d = new Uint8Array(randomBytes(32));
    if (isValidScalar(d)) return d;
  }
}
