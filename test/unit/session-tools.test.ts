/**
 * Session token files against vectors written by the real neofs-cli v0.54.0
 * (test/fixtures/session-tools, made by its make.sh with the committed neo-go-single wallet):
 * blank tokens from `session create` (binary and --json) decode and re-encode byte for byte /
 * field for field, and our signing of the same prepared tokens gives neofs-cli's RFC 6979
 * signatures exactly. Also: malformed files, readiness checks, issuer rules, expiration maths,
 * and `util sign session-token` through the CLI entry (offline).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToHex, privateKeyFromWIF, publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { SignatureScheme } from '../../src/crypto/signature.js';
import { asContainerId, ownerIdFromPublicKey } from '../../src/neofs/refs.js';
import {
  SessionTokenNotReadyError,
  checkReadyToSign,
  decodeSessionTokenAny,
  decodeSessionTokenJson,
  encodeSessionTokenJson,
  fillObjectContext,
  missingForSigning,
  parseObjectVerb,
  readSessionTokenFile,
  sessionExpiration,
  signPreparedSessionToken,
  writeSessionTokenFile,
} from '../../src/session/index.js';
import { rpcEndpointToPeer } from '../../src/cli/run-session.js';
import { TokenFormatError } from '../../src/tokens/common.js';
import {
  ObjectSessionVerb,
  decodeSessionToken,
  encodeSessionToken,
  signSessionToken,
  verifySessionToken,
  type SessionToken,
} from '../../src/tokens/session-v1.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = join(ROOT, 'test/fixtures/session-tools');
const WALLETS = join(ROOT, 'test/fixtures/wallets');
const single = JSON.parse(readFileSync(join(WALLETS, 'expected.json'), 'utf8'))['neo-go-single.json'];
const KEY = privateKeyFromWIF(single.accounts[0].wif);
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const fixtureJson = (name: string) => JSON.parse(readFileSync(join(DIR, name), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'session-tools-unit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('neofs-cli session create output', () => {
  it('binary blank: id, lifetime {15, 5, 5}, session key, empty object context (2a 00); no owner, no signature; re-encodes identically', () => {
    const bytes = fixture('blank.bin');
    const got = decodeSessionTokenAny(bytes);
    expect(got.format).toBe('binary');
    const t = got.token;
    expect(t.id).toHaveLength(16);
    expect(t.ownerId).toBeUndefined();
    expect(t.signature).toBeUndefined();
    expect(t.lifetime).toEqual({ exp: 15n, nbf: 5n, iat: 5n });
    expect(t.sessionKey).toHaveLength(33);
    expect(t.context).toEqual({ kind: 'object', verb: 0, objectIds: [] });
    expect(bytesToHex(bytes.subarray(-2))).toBe('2a00');
    expect(bytesToHex(encodeSessionToken(t))).toBe(bytesToHex(bytes));
    // What we write for it in JSON has the layout of neofs-cli's --json blank.
    const cliJson = fixtureJson('blank.json');
    const ours = JSON.parse(encodeSessionTokenJson({ ...t, id: decodeSessionTokenJson(JSON.stringify(cliJson)).id, sessionKey: Buffer.from(cliJson.body.sessionKey, 'base64') }));
    expect(ours).toEqual(cliJson);
  });

  it('JSON blank decodes and re-encodes to the same JSON; binary and JSON readers agree', () => {
    const text = readFileSync(join(DIR, 'blank.json'), 'utf8');
    const got = decodeSessionTokenAny(new TextEncoder().encode(text));
    expect(got.format).toBe('json');
    expect(JSON.parse(encodeSessionTokenJson(got.token))).toEqual(JSON.parse(text));
    expect(decodeSessionToken(encodeSessionToken(got.token))).toEqual(got.token);
  });
});

describe('neofs-cli util sign session-token output', () => {
  it('with --force-issuer: verifies, and our signature over the same blank is byte-identical (RFC 6979)', () => {
    const signed = decodeSessionTokenJson(readFileSync(join(DIR, 'blank.signed-force-issuer.json'), 'utf8'));
    verifySessionToken(signed);
    expect(bytesToHex(signed.signature!.key)).toBe(single.accounts[0].publicKey);
    expect(bytesToHex(signed.ownerId!)).toBe(bytesToHex(ownerIdFromPublicKey(publicKeyFromPrivate(KEY))));
    const { signature: _s, ownerId: _o, ...blank } = signed;
    const ours = signSessionToken(blank, KEY, SignatureScheme.ECDSA_RFC6979_SHA256);
    expect(bytesToHex(ours.signature!.sign)).toBe(bytesToHex(signed.signature!.sign));
    expect(JSON.parse(encodeSessionTokenJson(ours))).toEqual(fixtureJson('blank.signed-force-issuer.json'));
  });

  it('without --force-issuer neofs-cli leaves the issuer out: such a token does not verify (a node refuses it)', () => {
    const signed = decodeSessionTokenJson(readFileSync(join(DIR, 'blank.signed.json'), 'utf8'));
    expect(signed.ownerId).toBeUndefined();
    expect(() => verifySessionToken(signed)).toThrow(/has no owner/);
  });

  it.each([
    ['static-head', { kind: 'object', verb: ObjectSessionVerb.HEAD }],
    ['container-put', { kind: 'container', verb: 1 }],
  ])('%s: our signPreparedSessionToken of the prepared token = neofs-cli --force-issuer output', (name, ctx) => {
    const prepared = decodeSessionTokenAny(fixture(`${name}.prepared.json`)).token;
    expect(prepared.context).toMatchObject(ctx);
    const ours = signPreparedSessionToken({ token: prepared, privateKey: KEY });
    expect(JSON.parse(encodeSessionTokenJson(ours))).toEqual(fixtureJson(`${name}.signed.json`));
    const theirs = decodeSessionTokenAny(fixture(`${name}.signed.json`)).token;
    verifySessionToken(theirs);
    expect(bytesToHex(encodeSessionToken(ours))).toBe(bytesToHex(encodeSessionToken(theirs)));
  });
});

describe('readiness, context filling, issuer rules', () => {
  const blank = () => decodeSessionTokenAny(fixture('blank.bin')).token;
  const cid = asContainerId(new Uint8Array(32).fill(7));

  it('a blank token is not ready: context missing; then verb or container alone', () => {
    expect(missingForSigning(blank())).toEqual(['context']);
    expect(missingForSigning(fillObjectContext(blank(), { verb: ObjectSessionVerb.PUT }))).toEqual(['container']);
    expect(missingForSigning(fillObjectContext(blank(), { containerId: cid }))).toEqual(['verb']);
    expect(missingForSigning(fillObjectContext(blank(), { verb: ObjectSessionVerb.PUT, containerId: cid }))).toEqual([]);
    const { lifetime: _l, sessionKey: _k, ...bare } = fillObjectContext(blank(), { verb: ObjectSessionVerb.PUT, containerId: cid });
    expect(missingForSigning(bare)).toEqual(['lifetime', 'session key']);
    // the library names what is missing (`missing`), the CLI which flags supply it
    expect(() => checkReadyToSign(blank())).toThrow(expect.objectContaining({ missing: ['context'], message: expect.stringMatching(/no context \(verb and container\)/) }));
    expect(() => signPreparedSessionToken({ token: blank(), privateKey: KEY })).toThrow(SessionTokenNotReadyError);
  });

  it('filling the context as neofs-cli finalizeSession: verb, container, objects; the signature covers them', () => {
    const filled = signPreparedSessionToken({ token: blank(), privateKey: KEY, context: { verb: parseObjectVerb('put'), containerId: cid } });
    verifySessionToken(filled);
    expect(filled.context).toEqual({ kind: 'object', verb: ObjectSessionVerb.PUT, containerId: cid, objectIds: [] });
    expect(() => parseObjectVerb('SETEACL')).toThrow(/unknown object session verb/);
    expect(() => parseObjectVerb('VERB_UNSPECIFIED')).toThrow(/unknown object session verb/);
    const container = decodeSessionTokenAny(fixture('container-put.prepared.json')).token;
    expect(() => fillObjectContext(container, { verb: ObjectSessionVerb.PUT })).toThrow(/container context/);
  });

  it('issuer: absent or the signer is fine; another issuer needs forceIssuer', () => {
    const theirs = decodeSessionTokenAny(fixture('static-head.signed.json')).token; // issuer = the fixture wallet
    const otherKey = new Uint8Array(32).fill(3);
    expect(() => signPreparedSessionToken({ token: theirs, privateKey: otherKey })).toThrow(/is not the signing account.*forceIssuer/);
    const forced = signPreparedSessionToken({ token: theirs, privateKey: otherKey, forceIssuer: true });
    verifySessionToken(forced);
    expect(bytesToHex(forced.ownerId!)).toBe(bytesToHex(ownerIdFromPublicKey(publicKeyFromPrivate(otherKey))));
    // Re-signing by the same issuer replaces the signature with the same deterministic one.
    expect(bytesToHex(signPreparedSessionToken({ token: theirs, privateKey: KEY }).signature!.sign)).toBe(bytesToHex(theirs.signature!.sign));
  });

  it('tampered tokens fail verification: a signature bit, a body field', () => {
    const t = decodeSessionTokenAny(fixture('static-head.signed.json')).token;
    const sig = t.signature!;
    expect(() => verifySessionToken({ ...t, signature: { ...sig, sign: sig.sign.map((b, i) => (i === 5 ? b ^ 0x80 : b)) } })).toThrow(/signature/);
    expect(() => verifySessionToken({ ...t, lifetime: { ...t.lifetime!, exp: 101n } })).toThrow(/signature/);
  });
});

describe('malformed files', () => {
  const bad = (s: string | Uint8Array) => () => decodeSessionTokenAny(typeof s === 'string' ? new TextEncoder().encode(s) : s);
  it.each([
    ['plain text', 'hello, not a token\n', /not a session token \(neither binary nor JSON\)/],
    ['empty file', '', /not a session token/],
    ['random bytes', new Uint8Array([0x0a, 0x05, 1, 2, 3, 4, 5]), /not a session token/],
    ['broken JSON', '{"body": ', /invalid session token JSON/],
    ['unknown JSON field', '{"body":{"id":"XOu1dyZ1SZO4kLQWZv4cmQ==","sessionKey":"","colour":1}}', /body\.colour: unknown field/],
    ['ID not UUIDv4', '{"body":{"id":"AAAAAAAAAAAAAAAAAAAAAA=="}}', /body\.id: .*version 4/],
    ['both contexts', '{"body":{"id":"XOu1dyZ1SZO4kLQWZv4cmQ==","object":{},"container":{"wildcard":true}}}', /both "object" and "container"/],
    ['bad base64', '{"body":{"id":"not base64!"}}', /body\.id: invalid base64/],
    ['bad uint64', '{"body":{"id":"XOu1dyZ1SZO4kLQWZv4cmQ==","lifetime":{"exp":"-1"}}}', /body\.lifetime\.exp: expected uint64/],
    ['a bearer-like JSON', '{"body":{"eaclTable":null}}', /body\.eaclTable: unknown field/],
  ])('%s', (_name, input, msg) => {
    expect(bad(input)).toThrow(TokenFormatError);
    expect(bad(input)).toThrow(msg);
  });

  it('files: missing file, round trip in both formats (0644, atomic replace)', async () => {
    await expect(readSessionTokenFile(join(tmp, 'nope'))).rejects.toThrow(/no such file/);
    const t = decodeSessionTokenAny(fixture('static-head.signed.json')).token;
    for (const format of ['binary', 'json'] as const) {
      const p = join(tmp, `rt.${format}`);
      writeFileSync(p, 'old contents');
      await writeSessionTokenFile(p, t, format);
      const back = await readSessionTokenFile(p);
      expect(back.format).toBe(format);
      expect(back.token).toEqual(t);
    }
  });
});

describe('expiration epoch (neofs-cli rules)', () => {
  it('default 10 epochs; --expire-at wins; durations use the epoch length; must be after the current epoch', () => {
    expect(sessionExpiration(5n, 3600n)).toBe(15n);
    expect(sessionExpiration(5n, 3600n, undefined, { epochs: 3 })).toBe(8n);
    expect(sessionExpiration(5n, 3600n, 42, { epochs: 3 })).toBe(42n);
    expect(sessionExpiration(5n, 3600n, 0, { epochs: 3 })).toBe(8n); // 0 = unset, as neofs-cli
    expect(sessionExpiration(5n, 3600n, undefined, { durationMs: 24 * 3600_000 })).toBe(29n);
    expect(sessionExpiration(5n, 3600n, undefined, { durationMs: 1000 })).toBe(6n);
    expect(() => sessionExpiration(5n, 3600n, 5)).toThrow(/must be greater than the current epoch 5/);
    expect(() => sessionExpiration(5n, 3600n, undefined, { epochs: 0 })).toThrow(/at least 1 epoch/);
  });
});

describe('--rpc-endpoint as neofs-cli takes it', () => {
  it.each([
    ['127.0.0.1:8080', '127.0.0.1:8080'],
    ['grpcs://node:8082', 'grpcs://node:8082'],
    ['/ip4/127.0.0.1/tcp/8080', '127.0.0.1:8080'],
    ['/dns4/st1.example/tcp/8082/tls', 'grpcs://st1.example:8082'],
    ['/ip6/::1/tcp/8080', '[::1]:8080'],
  ])('%s -> %s', (input, peer) => expect(rpcEndpointToPeer(input)).toBe(peer));
});

describe('util sign session-token through the CLI entry (offline)', () => {
  function authmate(args: string[], env: Record<string, string> = {}) {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTHMATE_')));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/authmate.js'), ...args], { env: { ...clean, ...env }, input: '', encoding: 'utf8', timeout: 20_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const wallet = join(WALLETS, 'neo-go-single.json');
  const pw = { AUTHMATE_WALLET_PASSPHRASE: single.password };

  it('--wallet before the sub-commands; writes what neofs-cli writes for the same prepared token', () => {
    const to = join(tmp, 'cli-static.json');
    const r = authmate(['--wallet', wallet, 'util', 'sign', 'session-token', '--from', join(DIR, 'static-head.prepared.json'), '--to', to], pw);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`signed session token saved in ${to}`);
    expect(JSON.parse(r.stdout)).toMatchObject({ to, format: 'json', issuer: single.defaultAddress, signed: true });
    expect(JSON.parse(readFileSync(to, 'utf8'))).toEqual(fixtureJson('static-head.signed.json'));
    // Without --to the signed token is printed (JSON), as neofs-cli.
    const p = authmate(['util', 'sign', 'session-token', '-w', wallet, '--from', join(DIR, 'container-put.prepared.json')], pw);
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toEqual(fixtureJson('container-put.signed.json'));
  });

  it('binary in, binary out (or --json); the wallet from AUTHMATE_WALLET', () => {
    const from = join(tmp, 'blank-put.bin');
    const blank = decodeSessionTokenAny(fixture('blank.bin')).token;
    writeFileSync(from, encodeSessionToken(fillObjectContext(blank, { verb: ObjectSessionVerb.PUT, containerId: asContainerId(new Uint8Array(32).fill(9)) })));
    const r = authmate(['util', 'sign', 'session-token', '--from', from, '--to', join(tmp, 'signed.bin')], { ...pw, AUTHMATE_WALLET: wallet });
    expect(r.code, r.stderr).toBe(0);
    const bin = decodeSessionTokenAny(readFileSync(join(tmp, 'signed.bin')));
    expect(bin.format).toBe('binary');
    verifySessionToken(bin.token);
    const j = authmate(['util', 'sign', 'session-token', '--from', from, '--to', join(tmp, 'signed.json'), '--json'], { ...pw, AUTHMATE_WALLET: wallet });
    expect(j.code, j.stderr).toBe(0);
    expect(decodeSessionTokenAny(readFileSync(join(tmp, 'signed.json'))).token).toEqual(bin.token);
  });

  it('blank token signed with a warning; errors: not a token (8), no wallet (1), wrong password (1), --to = --from (100), bad --cid (3)', () => {
    const blank = join(DIR, 'blank.bin');
    // A blank token is signed as neofs-cli does (the session docs' example), with a warning.
    const e1 = authmate(['-w', wallet, 'util', 'sign', 'session-token', '--from', blank, '--to', join(tmp, 'blank-signed.bin')], pw);
    expect([e1.code, e1.stderr]).toEqual([0, expect.stringMatching(/warning: .*blank\.bin: no context \(verb and container\).*nodes refuse the token/)]);
    verifySessionToken(decodeSessionTokenAny(readFileSync(join(tmp, 'blank-signed.bin'))).token);
    const e2 = authmate(['-w', wallet, 'util', 'sign', 'session-token', '--from', join(WALLETS, 'expected.json'), '--to', join(tmp, 'x')], pw);
    expect([e2.code, e2.stderr]).toEqual([8, expect.stringMatching(/decode session: .*expected\.json: invalid session token JSON: .*unknown field/)]);
    const prepared = join(DIR, 'static-head.prepared.json');
    const e3 = authmate(['util', 'sign', 'session-token', '--from', prepared, '--to', join(tmp, 'x')], pw);
    expect([e3.code, e3.stderr]).toEqual([1, expect.stringMatching(/no wallet: pass --wallet/)]);
    const e4 = authmate(['-w', wallet, 'util', 'sign', 'session-token', '--from', prepared, '--to', join(tmp, 'x')], { AUTHMATE_WALLET_PASSPHRASE: 'wrong' });
    expect(e4.code).toBe(1);
    const e5 = authmate(['-w', wallet, 'util', 'sign', 'session-token', '--from', prepared, '--to', prepared], pw);
    expect([e5.code, e5.stderr]).toEqual([100, expect.stringMatching(/is the --from file/)]);
    const e6 = authmate(['-w', wallet, 'util', 'sign', 'session-token', '--from', blank, '--verb', 'PUT', '--cid', 'nope'], pw);
    expect([e6.code, e6.stderr]).toEqual([3, expect.stringMatching(/invalid --cid/)]);
    for (const e of [e2, e3, e4, e5, e6]) expect(e.stdout).toBe('');
  });
});

export type { SessionToken };
