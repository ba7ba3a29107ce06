import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, base58CheckEncode } from '../../src/crypto/keys.js';
import { checkScryptParams, NEP2_SCRYPT, nep2Decrypt, nep2Encrypt, Nep2Error, parseNep2 } from '../../src/wallet/nep2.js';

// Published N3 NEP-2 vectors: neo-go v0.120.0 internal/keytestcases/testcases.go, used by
// pkg/crypto/keys/nep2_test.go (github.com/nspcc-dev/neo-go). Scrypt N=16384, r=8, p=8.
const VECTORS = [
  {
    privateKey: '7d128a6d096f0c14c3a25a2b0c41cf79661bfcb4a8cc95aaaea28bde4d732344',
    passphrase: 'city of zion',
    encrypted: '6PYUUUFei9PBBfVkSn8q7hFCnewWFRBKPxcn6Kz6Bmk3FqWyLyuTQE2XFH',
  },
  {
    privateKey: '9ab7e154840daca3a2efadaf0df93cd3a5b51768c632f5433f86909d9b994a69',
    passphrase: '我的密码',
    encrypted: '6PYUmBuLbdXdnybyNeafUJUrVhoBRZpjHACdY9K2VCNzD5tuX5tXgr9fur',
  },
  {
    privateKey: '3edee7036b8fd9cef91de47386b191dd76db2888a553e7736bb02808932a915b',
    passphrase: 'MyL33tP@33w0rd',
    encrypted: '6PYLQ9oCoEWCfuuHkq6xH4tYbi4Pyv9HYUU8WGkFVXtoczwTbitMjypkma',
  },
];
// The same file's deliberately invalid entry: the key decrypts but is not the one the address
// hash promises (neo-go expects an error).
const INVALID = { passphrase: 'invalid_pass_but_valid_wif', encrypted: '6PYRbKt55d4NXxCESqk8n9kURqopvixEY5nhAYe2ZJ4c1oDWAjtFX8hd1M' };

describe('NEP-2 with the neo-go published vectors', () => {
  for (const v of VECTORS) {
    it(`decrypts and encrypts ${v.encrypted}`, async () => {
      expect(bytesToHex(await nep2Decrypt(v.encrypted, v.passphrase, NEP2_SCRYPT))).toBe(v.privateKey);
      expect(await nep2Encrypt(hexToBytes(v.privateKey), v.passphrase, NEP2_SCRYPT)).toBe(v.encrypted);
    });
  }

  it('rejects the invalid vector and a wrong password', async () => {
    await expect(nep2Decrypt(INVALID.encrypted, INVALID.passphrase)).rejects.toMatchObject({ kind: 'password' });
    await expect(nep2Decrypt(VECTORS[0]!.encrypted, 'city of zion!')).rejects.toThrow(/wrong password/);
  });

  it('normalises the password to NFC like neo-go', async () => {
    const priv = hexToBytes(VECTORS[0]!.privateKey);
    const params = { n: 1024, r: 8, p: 1 };
    const enc = await nep2Encrypt(priv, 'A\u030A', params);
    expect(bytesToHex(await nep2Decrypt(enc, '\u00C5', params))).toBe(VECTORS[0]!.privateKey);
  });
});

describe('NEP-2 format and scrypt parameter errors', () => {
  it('names what is wrong with a malformed key', () => {
    expect(() => parseNep2('')).toThrow(/empty/);
    expect(() => parseNep2('qazwsx')).toThrow(Nep2Error);
    // neo-go's own negative case: a WIF is valid base58check but not NEP-2.
    expect(() => parseNep2('KxhEDBQyyEFymvfJD96q8stMbJMbZUb6D1PmXqBWZDU2WvbvVs9o')).toThrow(/must decode to 39 bytes, got 34/);
    const wrongFlag = new Uint8Array(39);
    wrongFlag.set([0x01, 0x42, 0xc0]);
    expect(() => parseNep2(base58CheckEncode(wrongFlag))).toThrow(/byte 2 must be 0xe0, got 0xc0/);
    const v = VECTORS[0]!.encrypted;
    expect(() => parseNep2(v.slice(0, -1) + (v.endsWith('H') ? 'J' : 'H'))).toThrow(/wrong checksum/);
  });

  it('rejects unsupported scrypt parameters before deriving anything', async () => {
    expect(() => checkScryptParams({ n: 1000, r: 8, p: 8 })).toThrow(/n must be a power of two/);
    expect(() => checkScryptParams({ n: 1, r: 8, p: 8 })).toThrow(/n must be a power of two/);
    expect(() => checkScryptParams({ n: 16384, r: 0, p: 8 })).toThrow(/r must be a positive integer/);
    expect(() => checkScryptParams({ n: 16384, r: 8, p: 1.5 })).toThrow(/p must be a positive integer/);
    expect(() => checkScryptParams({ n: 2 ** 22, r: 8, p: 8 })).toThrow(/need 4096 MiB, more than the 1024 MiB allowed/);
    expect(() => checkScryptParams({ n: 2, r: 2 ** 15, p: 2 ** 15 })).toThrow(/r \* p must be below 2\^30/);
    expect(() => checkScryptParams(NEP2_SCRYPT)).not.toThrow();
    await expect(nep2Decrypt(VECTORS[0]!.encrypted, 'x', { n: 3, r: 8, p: 8 })).rejects.toMatchObject({ kind: 'scrypt' });
  });
});
