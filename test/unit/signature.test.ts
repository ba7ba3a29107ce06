import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { SignatureScheme, checkSignature, signData, verifySignature } from '../../src/crypto/signature.js';
import { decodeSignature, decodeSignatureRFC6979, encodeSignature, encodeSignatureRFC6979 } from '../../src/neofs/refs.js';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => new TextEncoder().encode(s);

// RFC 6979 appendix A.2.5 (P-256), SHA-256 cases.
const RFC_PRIV = hex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
const RFC_PUB = '0360fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6';

describe('ECDSA_RFC6979_SHA256', () => {
  it('matches RFC 6979 A.2.5 "sample" (high s: not normalised)', () => {
    const sig = signData(RFC_PRIV, ascii('sample'), SignatureScheme.ECDSA_RFC6979_SHA256);
    expect(toHex(sig.key)).toBe(RFC_PUB);
    expect(toHex(sig.sign)).toBe(
      'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716' +
        'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8',
    );
    expect(verifySignature(sig, ascii('sample'))).toBe(true);
  });

  it('matches RFC 6979 A.2.5 "test"', () => {
    const sig = signData(RFC_PRIV, ascii('test'), SignatureScheme.ECDSA_RFC6979_SHA256);
    expect(toHex(sig.sign)).toBe(
      'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367' +
        '019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083',
    );
  });

  it('rejects another message, a flipped bit, another key and a wrong length', () => {
    const sig = signData(RFC_PRIV, ascii('sample'), SignatureScheme.ECDSA_RFC6979_SHA256);
    expect(verifySignature(sig, ascii('samplf'))).toBe(false);
    const flipped = Uint8Array.from(sig.sign);
    flipped[10]! ^= 1;
    expect(verifySignature({ ...sig, sign: flipped }, ascii('sample'))).toBe(false);
    const other = p256.getPublicKey(hex('01'.padStart(64, '0')), true);
    expect(verifySignature({ ...sig, key: other }, ascii('sample'))).toBe(false);
    expect(() => checkSignature({ ...sig, sign: sig.sign.subarray(1) }, ascii('sample'))).toThrow(/must be 64 bytes, got 63/);
  });
});

describe('ECDSA_SHA512', () => {
  it('produces 65-byte 0x04||r||s with a random nonce, verifiable over truncated SHA-512', () => {
    const data = ascii('neofs');
    const a = signData(RFC_PRIV, data, SignatureScheme.ECDSA_SHA512);
    const b = signData(RFC_PRIV, data, SignatureScheme.ECDSA_SHA512);
    expect(a.sign.length).toBe(65);
    expect(a.sign[0]).toBe(4);
    expect(toHex(a.sign)).not.toBe(toHex(b.sign));
    expect(verifySignature(a, data)).toBe(true);
    expect(verifySignature(b, data)).toBe(true);
    // Independent check: noble verifying r||s over the first 32 bytes of SHA-512 (Go's truncation).
    expect(p256.verify(a.sign.subarray(1), sha512(data).subarray(0, 32), a.key, { prehash: false, lowS: false })).toBe(true);
    expect(verifySignature(a, ascii('neofS'))).toBe(false);
    expect(verifySignature({ ...a, scheme: SignatureScheme.ECDSA_RFC6979_SHA256 }, data)).toBe(false);
  });
});

describe('ECDSA_RFC6979_SHA256_WALLET_CONNECT', () => {
  it('signs 80 bytes (sig||salt) and verifies', () => {
    const data = ascii('hello');
    const sig = signData(RFC_PRIV, data, SignatureScheme.ECDSA_RFC6979_SHA256_WALLET_CONNECT);
    expect(sig.sign.length).toBe(80);
    expect(verifySignature(sig, data)).toBe(true);
    expect(verifySignature(sig, ascii('hellp'))).toBe(false);
  });
});

describe('refs.Signature encoding', () => {
  it('writes key, sign, scheme; omits scheme 0; round-trips', () => {
    const sig = signData(RFC_PRIV, ascii('x'), SignatureScheme.ECDSA_RFC6979_SHA256);
    const enc = encodeSignature(sig);
    expect(toHex(enc)).toBe(`0a21${toHex(sig.key)}1240${toHex(sig.sign)}1801`);
    expect(decodeSignature(enc)).toEqual(sig);
    const zero = { ...sig, sign: new Uint8Array(65), scheme: SignatureScheme.ECDSA_SHA512 };
    expect(toHex(encodeSignature(zero))).toBe(`0a21${toHex(sig.key)}1241${'00'.repeat(65)}`);
    expect(toHex(encodeSignatureRFC6979(sig))).toBe(`0a21${toHex(sig.key)}1240${toHex(sig.sign)}`);
    expect(decodeSignatureRFC6979(encodeSignatureRFC6979(sig))).toEqual(sig);
  });

  it('refuses to produce N3 witnesses and reports N3 as unverifiable', () => {
    expect(() => signData(RFC_PRIV, ascii('x'), SignatureScheme.N3)).toThrow(/N3/);
    expect(() => checkSignature({ key: new Uint8Array(40), sign: new Uint8Array(66), scheme: SignatureScheme.N3 }, ascii('x'))).toThrow(/N3/);
  });
});

describe('Go SDK rc.17 vectors (tools/golden)', async () => {
  const { readFileSync } = await import('node:fs');
  const golden = JSON.parse(readFileSync(new URL('../vectors/neofs/golden.json', import.meta.url), 'utf8'));
  const priv = hex(golden.keys.user);
  const data = hex(golden.signatures.data);
  const key = p256.getPublicKey(priv, true);

  it('RFC 6979 signature is byte-identical to Go', () => {
    expect(toHex(signData(priv, data, SignatureScheme.ECDSA_RFC6979_SHA256).sign)).toBe(golden.signatures.rfc6979);
  });

  it("verifies Go's ECDSA_SHA512 and wallet-connect signatures", () => {
    const sha = { key, sign: hex(golden.signatures.sha512), scheme: SignatureScheme.ECDSA_SHA512 };
    expect(verifySignature(sha, data)).toBe(true);
    expect(verifySignature(sha, data.subarray(1))).toBe(false);
    const wc = { key, sign: hex(golden.signatures.walletConnect), scheme: SignatureScheme.ECDSA_RFC6979_SHA256_WALLET_CONNECT };
    expect(verifySignature(wc, data)).toBe(true);
    expect(verifySignature(wc, data.subarray(1))).toBe(false);
  });
});
