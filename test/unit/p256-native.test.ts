// src/crypto/p256-native.ts (node:crypto P-256) against @noble/curves, the implementation it
// replaced on the hot path: same public keys, byte-identical RFC 6979 signatures, signatures that
// verify both ways, and the same rejections.
import { randomBytes } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { convertPublicKey, isValidScalar, P256_N, publicKeyNative, signRandomNative, signRFC6979Native, verifyNative } from '../../src/crypto/p256-native.js';

const big32 = (x: bigint) => Uint8Array.from(Buffer.from(x.toString(16).padStart(64, '0'), 'hex'));
const keys = Array.from({ length: 24 }, (_, i) => (i === 0 ? big32(1n) : i === 1 ? big32(P256_N - 1n) : p256.utils.randomSecretKey()));

describe('p256-native', () => {
  it('public keys equal noble, compressed and uncompressed', () => {
    for (const d of keys) {
      expect(publicKeyNative(d, true)).toEqual(p256.getPublicKey(d, true));
      expect(publicKeyNative(d, false)).toEqual(p256.getPublicKey(d, false));
    }
  });

  it('scalar range check', () => {
    expect(isValidScalar(big32(0n))).toBe(false);
    expect(isValidScalar(big32(P256_N))).toBe(false);
    expect(isValidScalar(big32(1n))).toBe(true);
    expect(isValidScalar(new Uint8Array(31).fill(1))).toBe(false);
  });

  it('RFC 6979 signatures are byte-identical to noble (lowS off)', () => {
    for (const d of keys) {
      for (const len of [0, 1, 32, 100]) {
        const digest = sha256(randomBytes(len));
        expect(signRFC6979Native(d, digest)).toEqual(p256.sign(digest, d, { prehash: false, lowS: false, format: 'compact' }));
      }
    }
  });

  it('random-nonce signatures verify with noble and noble signatures verify here', () => {
    for (const d of keys.slice(0, 8)) {
      const pub = p256.getPublicKey(d, true);
      const data = randomBytes(77);
      for (const hash of ['sha256', 'sha512'] as const) {
        const digest = hash === 'sha256' ? sha256(data) : sha512(data);
        const ours = signRandomNative(d, data, hash);
        expect(p256.verify(ours, digest, pub, { prehash: false, lowS: false, format: 'compact' })).toBe(true);
        const theirs = p256.sign(digest, d, { prehash: false, lowS: false, format: 'compact', extraEntropy: true });
        expect(verifyNative(pub, data, theirs, hash)).toBe(true);
        expect(verifyNative(p256.getPublicKey(d, false), data, theirs, hash)).toBe(true);
        const bad = Uint8Array.from(theirs);
        bad[10]! ^= 1;
        expect(verifyNative(pub, data, bad, hash)).toBe(false);
        expect(verifyNative(pub, Buffer.concat([data, Buffer.of(0)]), theirs, hash)).toBe(false);
      }
    }
  });

  it('high-S signatures verify (Go neither produces nor requires low S)', () => {
    const d = keys[2]!;
    const data = randomBytes(20);
    const rs = signRandomNative(d, data, 'sha256');
    const s = BigInt(`0x${Buffer.from(rs.subarray(32)).toString('hex')}`);
    const flipped = Uint8Array.from([...rs.subarray(0, 32), ...big32(P256_N - s)]);
    expect(verifyNative(publicKeyNative(d), data, rs, 'sha256')).toBe(true);
    expect(verifyNative(publicKeyNative(d), data, flipped, 'sha256')).toBe(true);
  });

  it('rejects keys off the curve and malformed signatures', () => {
    const pub = Uint8Array.from(publicKeyNative(keys[3]!, false));
    pub[64]! ^= 1; // y changed: not on the curve
    expect(() => convertPublicKey(pub, true)).toThrow();
    expect(() => p256.Point.fromBytes(pub)).toThrow();
    expect(verifyNative(pub, new Uint8Array(1), new Uint8Array(64).fill(1), 'sha256')).toBe(false);
    // x = p + 1 (out of the field) is rejected by both
    const outOfField = Uint8Array.from([0x02, ...Buffer.alloc(32, 0xff)]);
    expect(() => convertPublicKey(outOfField, true)).toThrow();
    expect(() => p256.Point.fromBytes(outOfField)).toThrow();
    const good = publicKeyNative(keys[3]!);
    expect(convertPublicKey(publicKeyNative(keys[3]!, false), true)).toEqual(good);
    expect(verifyNative(good, new Uint8Array(1), new Uint8Array(63), 'sha256')).toBe(false);
    expect(verifyNative(good, new Uint8Array(1), new Uint8Array(64), 'sha256')).toBe(false); // r = s = 0
  });
});
