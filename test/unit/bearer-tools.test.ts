/**
 * Bearer token tools against vectors written by the real neofs-cli v0.54.0
 * (test/fixtures/bearer-tools, made offline by its make.sh with the committed neo-go-single
 * wallet): `bearer create` output (binary and JSON) is what our createBearerToken makes from the
 * same eACL JSON and epochs; our RFC 6979 signatures equal `util sign bearer-token`'s byte for
 * byte; our JSON equals its JSON (files and the pretty stdout form); the issuer rule; epochs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bytesToHex, privateKeyFromWIF, publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { ownerIdFromPublicKey, parseOwnerId } from '../../src/neofs/refs.js';
import { eaclTableFromJSON } from '../../src/policy/eacl.js';
import {
  BearerLifetimeError,
  createBearerToken,
  decodeBearerTokenAny,
  decodeBearerTokenJson,
  encodeBearerTokenJson,
  parseEpochInput,
  resolveBearerEpochs,
  signBearerTokenWithKey,
} from '../../src/session/index.js';
import { encodeBearerToken, verifyBearerToken } from '../../src/tokens/bearer.js';
import { TokenFormatError } from '../../src/tokens/common.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = join(ROOT, 'test/fixtures/bearer-tools');
const single = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/wallets/expected.json'), 'utf8'))['neo-go-single.json'];
const KEY = privateKeyFromWIF(single.accounts[0].wif);
const bin = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
const OWNER = 'NUVsU1ztfWoyJrJVP8zZseqY6FQBUn9wgL';

describe('neofs-cli bearer create output', () => {
  it('our token from eacl.json, owner and epochs 5/6/100 is its plain.bin byte for byte, and its plain.json field for field', () => {
    const ours = createBearerToken({
      eaclTable: eaclTableFromJSON(JSON.parse(text('eacl.json'))),
      ownerId: parseOwnerId(OWNER),
      lifetime: { iat: 5, nbf: 6, exp: 100 },
    });
    expect(bytesToHex(encodeBearerToken(ours))).toBe(bytesToHex(bin('plain.bin')));
    expect(encodeBearerTokenJson(ours)).toBe(text('plain.json'));
  });

  it('a token without eACL ("eaclTable": null) round-trips through JSON exactly', () => {
    const t = decodeBearerTokenJson(text('no-eacl.json'));
    expect(t.eaclTable).toBeUndefined();
    expect(encodeBearerTokenJson(t)).toBe(text('no-eacl.json'));
  });

  it('reads binary and JSON files alike (binary first), and the two forms are the same token', () => {
    const b = decodeBearerTokenAny(bin('plain.bin'));
    const j = decodeBearerTokenAny(bin('plain.json'));
    expect(b.format).toBe('binary');
    expect(j.format).toBe('json');
    expect(j.token).toEqual(b.token);
  });
});

describe('neofs-cli util sign bearer-token', () => {
  const signer = ownerIdFromPublicKey(publicKeyFromPrivate(KEY));

  it('signing plain.bin gives signed.bin byte for byte (RFC 6979), issuer = the wallet user', () => {
    const { token, foreignIssuer } = signBearerTokenWithKey(decodeBearerTokenAny(bin('plain.bin')).token, KEY);
    expect(foreignIssuer).toBeUndefined();
    expect(bytesToHex(token.issuer!)).toBe(bytesToHex(signer));
    expect(bytesToHex(encodeBearerToken(token))).toBe(bytesToHex(bin('signed.bin')));
    verifyBearerToken(token);
  });

  it('signing plain.json gives signed.json (and signed-from-bin.json) text for text', () => {
    const { token } = signBearerTokenWithKey(decodeBearerTokenAny(bin('plain.json')).token, KEY);
    expect(encodeBearerTokenJson(token)).toBe(text('signed.json'));
    expect(encodeBearerTokenJson(token)).toBe(text('signed-from-bin.json'));
  });

  it('what it prints without --to is our two-space JSON plus a newline', () => {
    const { token } = signBearerTokenWithKey(decodeBearerTokenJson(text('no-eacl.json')), KEY);
    expect(`${encodeBearerTokenJson(token, 2)}\n`).toBe(text('no-eacl.signed.stdout'));
  });

  it('keeps an issuer that is already set (another user), as neofs-cli, and reports it', () => {
    const prepared = decodeBearerTokenJson(text('foreign-issuer.json'));
    const { token, foreignIssuer } = signBearerTokenWithKey(prepared, KEY);
    expect(bytesToHex(foreignIssuer!)).toBe(bytesToHex(parseOwnerId(OWNER)));
    expect(encodeBearerTokenJson(token)).toBe(text('foreign-issuer.signed.json'));
    expect(() => verifyBearerToken(token)).toThrow(/issuer does not match/);
  });

  it('re-signing a signed token replaces the signature with the same deterministic one', () => {
    const { token } = signBearerTokenWithKey(decodeBearerTokenAny(bin('signed.bin')).token, KEY);
    expect(bytesToHex(encodeBearerToken(token))).toBe(bytesToHex(bin('signed.bin')));
  });
});

describe('malformed bearer token files', () => {
  it.each([
    ['not JSON, not protobuf', 'hello', /neither binary nor JSON/],
    ['broken JSON', '{"body":', /invalid bearer token JSON/],
    ['unknown field', '{"body":{"eacl":{}}}', /body\.eacl: unknown field/],
    ['bad owner', '{"body":{"ownerID":{"value":"AAAA"}}}', /body\.ownerID\.value/],
    ['bad eACL enum', '{"body":{"eaclTable":{"records":[{"operation":"FLY"}]}}}', /body\.eaclTable\.records\[0\]\.operation/],
    ['bad epoch', '{"body":{"lifetime":{"exp":"-1"}}}', /body\.lifetime\.exp/],
  ])('%s', (_name, input, message) => {
    expect(() => decodeBearerTokenAny(new TextEncoder().encode(input))).toThrow(TokenFormatError);
    expect(() => decodeBearerTokenAny(new TextEncoder().encode(input))).toThrow(message);
  });
});

describe('bearer create epochs (neofs-cli rules: +n relative, --lifetime wins, exp >= nbf)', () => {
  const e = (s: string) => parseEpochInput(s, 'x');
  it('absolute epochs need no network; relative ones and lifetimes add the current epoch', () => {
    expect(resolveBearerEpochs({ issuedAt: e('5'), notValidBefore: e('6'), expireAt: e('100') })).toEqual({ iat: 5n, nbf: 6n, exp: 100n });
    expect(resolveBearerEpochs({ expireAt: e('+10') }, 7n)).toEqual({ iat: 7n, nbf: 7n, exp: 17n });
    expect(resolveBearerEpochs({ lifetime: 3n, expireAt: e('1000') }, 7n)).toEqual({ iat: 7n, nbf: 7n, exp: 10n });
    expect(resolveBearerEpochs({ issuedAt: e('+0'), notValidBefore: e('+2'), lifetime: 2n }, 7n)).toEqual({ iat: 7n, nbf: 9n, exp: 9n });
  });
  it('refuses what neofs-cli refuses, with typed errors', () => {
    expect(() => e('ten')).toThrow(BearerLifetimeError);
    expect(() => e('-1')).toThrow(/not a number of epochs/);
    expect(() => resolveBearerEpochs({ notValidBefore: e('10'), expireAt: e('9') })).toThrow(/less than not-valid-before epoch: 9 < 10/);
    expect(() => resolveBearerEpochs({})).toThrow(/no expiration/);
    expect(() => resolveBearerEpochs({ expireAt: e('+1') })).toThrow(/current epoch/);
  });
});
