import { describe, expect, it } from 'vitest';
import { wallet as neonWallet } from '@cityofzion/neon-core';
import { p256 } from '@noble/curves/nist.js';
import {
  KeyFormatError,
  addressFromPublicKey,
  base58CheckDecode,
  bytesToHex,
  decompressPublicKey,
  hexToBytes,
  isSignatureScript,
  parsePublicKey,
  privateKeyFromWIF,
  privateKeyToWIF,
  publicKeyFromPrivate,
  scriptHash,
  scriptHashFromAddress,
  verificationScript,
} from '../../src/crypto/keys.js';

// Published N3 key vectors of neo-go v0.120.0, internal/keytestcases/testcases.go
// (github.com/nspcc-dev/neo-go); the fourth entry there is deliberately invalid and is left out.
const NEO_GO_VECTORS = [
  {
    address: 'NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i',
    privateKey: '7d128a6d096f0c14c3a25a2b0c41cf79661bfcb4a8cc95aaaea28bde4d732344',
    publicKey: '02028a99826edc0c97d18e22b6932373d908d323aa7f92656a77ec26e8861699ef',
    wif: 'L1QqQJnpBwbsPGAuutuzPTac8piqvbR1HRjrY5qHup48TBCBFe4g',
  },
  {
    address: 'NMBfzaEq2c5zodiNbLPoohVENARMbJim1r',
    privateKey: '9ab7e154840daca3a2efadaf0df93cd3a5b51768c632f5433f86909d9b994a69',
    publicKey: '031d8e1630ce640966967bc6d95223d21f44304133003140c3b52004dc981349c9',
    wif: 'L2QTooFoDFyRFTxmtiVHt5CfsXfVnexdbENGDkkrrgTTryiLsPMG',
  },
  {
    address: 'NfVdwyaJbijrWkRagrvs4eSRQUpP7WpukT',
    privateKey: '3edee7036b8fd9cef91de47386b191dd76db2888a553e7736bb02808932a915b',
    publicKey: '02232ce8d2e2063dce0451131851d47421bfc4fc1da4db116fca5302c0756462fa',
    wif: 'KyKvWLZsNwBJx5j9nurHYRwhYfdQUu9tTEDsLCUHDbYBL8cHxMiG',
  },
];

describe('keys: neo-go published vectors', () => {
  for (const v of NEO_GO_VECTORS) {
    it(`derives ${v.address}`, () => {
      const priv = hexToBytes(v.privateKey);
      const pub = publicKeyFromPrivate(priv);
      expect(bytesToHex(pub)).toBe(v.publicKey);
      expect(addressFromPublicKey(pub)).toBe(v.address);
      expect(privateKeyToWIF(priv)).toBe(v.wif);
      expect(bytesToHex(privateKeyFromWIF(v.wif))).toBe(v.privateKey);
      expect(scriptHashFromAddress(v.address)).toEqual(scriptHash(pub));
    });
  }
});

describe('keys: agree with neon-core on random keys', () => {
  it('public key, verification script, script hash and address', () => {
    for (let i = 0; i < 20; i++) {
      const priv = p256.utils.randomSecretKey();
      const privHex = bytesToHex(priv);
      const pub = publicKeyFromPrivate(priv);
      expect(bytesToHex(pub)).toBe(neonWallet.getPublicKeyFromPrivateKey(privHex));
      expect(bytesToHex(verificationScript(pub))).toBe(neonWallet.getVerificationScriptFromPublicKey(bytesToHex(pub)));
      // neon-core prints script hashes in display (reversed) order.
      const hashLE = Buffer.from(scriptHash(pub)).reverse().toString('hex');
      expect(hashLE).toBe(neonWallet.getScriptHashFromPublicKey(bytesToHex(pub)));
      expect(addressFromPublicKey(pub)).toBe(neonWallet.getAddressFromScriptHash(hashLE));
      expect(privateKeyToWIF(priv)).toBe(neonWallet.getWIFFromPrivateKey(privHex));
    }
  });
});

describe('keys: parsePublicKey', () => {
  const v = NEO_GO_VECTORS[1]!;
  it('accepts compressed and uncompressed, hex or bytes, and returns 33 bytes', () => {
    const full = decompressPublicKey(v.publicKey);
    expect(full.length).toBe(65);
    expect(full[0]).toBe(4);
    expect(bytesToHex(parsePublicKey(full))).toBe(v.publicKey);
    expect(bytesToHex(parsePublicKey(bytesToHex(full)))).toBe(v.publicKey);
    expect(bytesToHex(parsePublicKey(`0x${v.publicKey}`))).toBe(v.publicKey);
    expect(bytesToHex(parsePublicKey(hexToBytes(v.publicKey)))).toBe(v.publicKey);
  });

  it('rejects wrong length, prefix, hex and points off the curve', () => {
    expect(() => parsePublicKey('02abcd')).toThrow(/33 bytes \(compressed\) or 65 bytes \(uncompressed\), got 3/);
    expect(() => parsePublicKey(`05${v.publicKey.slice(2)}`)).toThrow(/must start with 0x02 or 0x03, got 0x05/);
    expect(() => parsePublicKey(`zz${v.publicKey.slice(2)}`)).toThrow(/not valid hex/);
    expect(() => parsePublicKey(`${v.publicKey}0`)).toThrow(/not valid hex/);
    // x = 1: x^3 - 3x + b has no square root mod p, so no P-256 point has this x.
    const offCurve = `02${'00'.repeat(31)}01`;
    expect(() => p256.Point.fromHex(offCurve)).toThrow();
    expect(() => parsePublicKey(offCurve)).toThrow(KeyFormatError);
    expect(() => parsePublicKey(offCurve)).toThrow(/not a point on the P-256 curve/);
  });
});

describe('keys: scripts, addresses, WIF errors', () => {
  it('recognises the standard signature script', () => {
    const pub = hexToBytes(NEO_GO_VECTORS[0]!.publicKey);
    const script = verificationScript(pub);
    expect(isSignatureScript(script)).toBe(true);
    const broken = script.slice();
    broken[39] = broken[39]! ^ 1;
    expect(isSignatureScript(broken)).toBe(false);
    expect(isSignatureScript(script.subarray(0, 39))).toBe(false);
  });

  it('rejects bad addresses clearly', () => {
    const good = NEO_GO_VECTORS[0]!.address;
    const bad = good.slice(0, -1) + (good.endsWith('i') ? 'j' : 'i');
    expect(() => scriptHashFromAddress(bad)).toThrow(/address has a wrong checksum/);
    expect(() => scriptHashFromAddress('N0OIl')).toThrow(/not valid base58/);
    // A Neo legacy (version 0x17) address.
    expect(() => scriptHashFromAddress('AKkkumHbBipZ46UMZJoFynJMXzSRnBvKcs')).toThrow(/version must be 0x35 \(N3\), got 0x17/);
    expect(base58CheckDecode(good).length).toBe(21);
  });

  it('rejects malformed private keys and WIFs', () => {
    expect(() => publicKeyFromPrivate(new Uint8Array(31))).toThrow(/32 bytes, got 31/);
    expect(() => publicKeyFromPrivate(new Uint8Array(32))).toThrow(/zero or not below/);
    expect(() => privateKeyFromWIF(NEO_GO_VECTORS[0]!.address)).toThrow(/WIF must encode/);
  });
});
