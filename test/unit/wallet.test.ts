import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { wallet as neon } from '@cityofzion/neon-core';
import { bytesToHex, hexToBytes, privateKeyToWIF, scriptHashFromAddress } from '../../src/crypto/keys.js';
import {
  buildWalletFile,
  createWallet,
  dumpKeys,
  loadWalletKey,
  normalizeAddress,
  openWallet,
  parseNep6,
  Wallet,
  WalletError,
  type Nep6File,
} from '../../src/wallet/index.js';
import type { FixtureExpectation } from './wallet-neogo.test.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/wallets');
const expected: Record<string, FixtureExpectation> = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'authmate-wallet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('wallets written by neo-go (committed fixtures)', () => {
  for (const [name, exp] of Object.entries(expected)) {
    it(`${name}: keys, default account and decryption match what neo-go printed`, async () => {
      const w = await openWallet(join(FIXTURES, name));
      expect(w.account().address).toBe(exp.defaultAddress);
      expect(dumpKeys(w.accounts).map((a) => [a.address, a.public_key])).toEqual(exp.accounts.map((a) => [a.address, a.publicKey]));
      for (const a of exp.accounts) {
        const priv = await w.decryptKey(w.account(a.address), exp.password);
        expect(privateKeyToWIF(priv)).toBe(a.wif);
      }
    });
  }

  it('loadWalletKey takes a set-but-empty variable as the empty password, without prompting', async () => {
    const exp = expected['neo-go-empty-password.json']!;
    const key = await loadWalletKey({
      path: join(FIXTURES, 'neo-go-empty-password.json'),
      passwordEnv: 'AUTHMATE_WALLET_PASSPHRASE',
      env: { AUTHMATE_WALLET_PASSPHRASE: '' },
      prompt: () => Promise.reject(new Error('must not prompt')),
    });
    expect(key.address).toBe(exp.defaultAddress);
    expect(privateKeyToWIF(key.privateKey)).toBe(exp.accounts[0]!.wif);
    expect(bytesToHex(key.publicKey)).toBe(exp.accounts[0]!.publicKey);
  });

  it('loadWalletKey prompts when the variable is unset, and only after finding the account', async () => {
    const exp = expected['neo-go-mixed.json']!;
    const asked: string[] = [];
    const path = join(FIXTURES, 'neo-go-mixed.json');
    const key = await loadWalletKey({
      path,
      address: exp.accounts[2]!.address,
      passwordEnv: 'AUTHMATE_WALLET_PASSPHRASE',
      env: {},
      prompt: async (p) => (asked.push(p), exp.password),
    });
    expect(asked).toEqual([path]);
    expect(privateKeyToWIF(key.privateKey)).toBe(exp.accounts[2]!.wif);
    const unknown = 'NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i';
    await expect(
      loadWalletKey({ path, address: unknown, env: {}, prompt: async () => (asked.push('again'), exp.password) }),
    ).rejects.toThrow(`has no account ${unknown}; its accounts: ${exp.accounts.map((a) => a.address).join(', ')}`);
    expect(asked).toEqual([path]);
  });

  it('without a password source the error names the variable', async () => {
    await expect(
      loadWalletKey({ path: join(FIXTURES, 'neo-go-single.json'), passwordEnv: 'AUTHMATE_WALLET_GATE_PASSPHRASE', env: {} }),
    ).rejects.toThrow(/set AUTHMATE_WALLET_GATE_PASSPHRASE/);
  });
});

describe('account choice (neo-go rules)', () => {
  const base = expected['neo-go-mixed.json']!;
  const file = JSON.parse(readFileSync(join(FIXTURES, 'neo-go-mixed.json'), 'utf8')) as Nep6File;
  const [multisig, second, third] = base.accounts.map((a) => a.address) as [string, string, string];

  it('accepts an N3 address or a 40-hex little-endian script hash, with or without 0x', () => {
    const w = new Wallet(file, 'mixed');
    const le = Buffer.from(scriptHashFromAddress(third)).reverse().toString('hex');
    expect(normalizeAddress(le)).toBe(third);
    expect(w.account(`0x${le.toUpperCase()}`).address).toBe(third);
    expect(w.account(third).address).toBe(third);
    expect(w.account(multisig).publicKey).toBeUndefined();
  });

  it('rejects a malformed selector as an invalid address', () => {
    const w = new Wallet(file, 'mixed');
    expect(() => w.account('Nnot-an-address')).toThrow(/invalid address "Nnot-an-address"/);
    const typo = `${third.slice(0, -1)}x`;
    expect(() => w.account(typo)).toThrow(/invalid address/);
  });

  it('a later isDefault signature account wins; isDefault on a multisig account does not', () => {
    const withDefault = structuredClone(file);
    withDefault.accounts[2]!.isDefault = true;
    expect(new Wallet(withDefault).account().address).toBe(third);
    const msDefault = structuredClone(file);
    msDefault.accounts[0]!.isDefault = true;
    expect(new Wallet(msDefault).account().address).toBe(second);
  });

  it('a wallet without signature accounts names its addresses', () => {
    const onlyMs = structuredClone(file);
    onlyMs.accounts = [onlyMs.accounts[0]!];
    expect(() => new Wallet(onlyMs, 'w.json').account()).toThrow(`wallet w.json has no standard signature account to use; its accounts: ${multisig}`);
    const watchOnly = structuredClone(file);
    watchOnly.accounts = [{ ...watchOnly.accounts[1]!, contract: null }];
    expect(() => new Wallet(watchOnly).account()).toThrow(WalletError);
  });
});

describe('NEP-6 structure checks', () => {
  const good = JSON.parse(readFileSync(join(FIXTURES, 'neo-go-single.json'), 'utf8'));
  const cases: [string, (w: any) => unknown, RegExp][] = [
    ['array top level', () => [], /top level must be a JSON object/],
    ['no accounts', (w) => ({ ...w, accounts: undefined }), /"accounts" must be an array/],
    ['address not a string', (w) => ({ ...w, accounts: [{ ...w.accounts[0], address: 5 }] }), /accounts\[0\]\.address must be a non-empty string/],
    ['key not a string', (w) => ({ ...w, accounts: [{ ...w.accounts[0], key: 7 }] }), /accounts\[0\]\.key must be a string/],
    ['script not base64', (w) => ({ ...w, accounts: [{ ...w.accounts[0], contract: { ...w.accounts[0].contract, script: '0c21!!' } }] }), /contract\.script is not base64/],
    ['scrypt.n missing', (w) => ({ ...w, scrypt: { r: 8, p: 8 } }), /"scrypt\.n" must be a number/],
  ];
  for (const [what, mutate, message] of cases) {
    it(`rejects ${what}`, () => {
      let err: unknown;
      try {
        parseNep6(mutate(structuredClone(good)), 'wallet x.json');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(WalletError);
      expect((err as WalletError).message).toMatch(/^wallet x\.json is not a NEP-6 wallet: /);
      expect((err as WalletError).message).toMatch(message);
      expect((err as WalletError).code).toBe('WALLET_NOT_NEP6');
    });
  }
});

describe('createWallet', () => {
  it('writes what neo-go writes, refuses to overwrite, mode 0600, readable by neon-core', async () => {
    const path = join(tmp, 'new.json');
    const priv = hexToBytes('7d128a6d096f0c14c3a25a2b0c41cf79661bfcb4a8cc95aaaea28bde4d732344');
    const made = await createWallet({ path, password: 'city of zion', label: 'gate', privateKey: priv });
    expect(made.address).toBe('NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i');
    expect(made.publicKey).toBe('02028a99826edc0c97d18e22b6932373d908d323aa7f92656a77ec26e8861699ef');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    // Same shape as neo-go-single.json, field for field (keys differ only in values).
    const neoGoMade = JSON.parse(readFileSync(join(FIXTURES, 'neo-go-single.json'), 'utf8'));
    const shape = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(shape) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v;
    expect(shape(json)).toEqual(shape(neoGoMade));
    expect(json.accounts[0].key).toBe('6PYUUUFei9PBBfVkSn8q7hFCnewWFRBKPxcn6Kz6Bmk3FqWyLyuTQE2XFH');
    expect(json.extra).toEqual({ Tokens: null });
    expect(json.scrypt).toEqual({ n: 16384, r: 8, p: 8 });

    const nw = new neon.Wallet(json);
    expect(nw.accounts[0]!.address).toBe(made.address);
    expect(nw.accounts[0]!.contract.script).toBe(json.accounts[0].contract.script);

    await expect(createWallet({ path, password: 'x' })).rejects.toMatchObject({ kind: 'exists', code: 'WALLET_EXISTS', field: 'wallet' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(json);
  });

  it('buildWalletFile makes a fresh key each time', async () => {
    const a = await buildWalletFile({ password: '', scrypt: { n: 16, r: 1, p: 1 } });
    const b = await buildWalletFile({ password: '', scrypt: { n: 16, r: 1, p: 1 } });
    expect(a.accounts[0]!.address).not.toBe(b.accounts[0]!.address);
  });

  it('a key that decrypts to another address is reported as corrupt', async () => {
    const path = join(tmp, 'swapped.json');
    const one = await buildWalletFile({ password: 'p', scrypt: { n: 16, r: 1, p: 1 } });
    const two = await buildWalletFile({ password: 'p', scrypt: { n: 16, r: 1, p: 1 } });
    one.accounts[0]!.key = two.accounts[0]!.key;
    writeFileSync(path, JSON.stringify(one));
    const w = await openWallet(path);
    await expect(w.decryptKey(w.account(), 'p')).rejects.toThrow(`decrypts to a different address ${two.accounts[0]!.address}`);
  });
});
