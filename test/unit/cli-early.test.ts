// src/cli/early.ts + src/wallet/scrypt-cache.ts: the CLI starts the wallets' NEP-2 scrypt from argv
// before loading anything else; loadWalletKey later takes exactly that run (same password, salt
// and parameters) and gives what it gives without it. Guesses that do not match are never used.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { prefetchFromArgv } from '../../src/cli/early.js';
import { privateKeyToWIF } from '../../src/crypto/keys.js';
import { loadWalletKey, WalletError } from '../../src/wallet/index.js';
import { pendingScryptRuns, takeScrypt } from '../../src/wallet/scrypt-cache.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/wallets');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const single = join(FIXTURES, 'neo-go-single.json');
const custom = join(FIXTURES, 'neo-go-custom-scrypt.json');
const mixed = join(FIXTURES, 'neo-go-mixed.json');
const E = (w: string) => expected[w];

/** Drops what a test left behind (takes the run for the single wallet with a given password). */
function take(path: string, password: string): Promise<Buffer> | undefined {
  const w = JSON.parse(readFileSync(path, 'utf8'));
  const raw = Buffer.from(require58(w.accounts[0].key));
  return takeScrypt(Buffer.from(password.normalize('NFC')), raw.subarray(3, 7), w.scrypt.n, w.scrypt.r, w.scrypt.p);
}
function require58(s: string): Uint8Array {
  const A = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = 0n;
  for (const c of s) n = n * 58n + BigInt(A.indexOf(c));
  return Buffer.from(n.toString(16).padStart(86, '0'), 'hex');
}

afterEach(() => expect(pendingScryptRuns()).toBe(0));

describe('early scrypt from argv', () => {
  it('issue-secret: the run started from --wallet is what loadWalletKey takes', async () => {
    prefetchFromArgv(['issue-secret', '--peer', 'x:1', '--wallet', single], { AUTHMATE_WALLET_PASSPHRASE: E('neo-go-single.json').password });
    expect(pendingScryptRuns()).toBe(1);
    const key = await loadWalletKey({ path: single, passwordEnv: 'P', env: { P: E('neo-go-single.json').password } });
    expect(privateKeyToWIF(key.privateKey)).toBe(E('neo-go-single.json').accounts[0].wif);
    expect(pendingScryptRuns()).toBe(0);
  });

  it('obtain-secret: user and gate wallets, --flag=value form, custom scrypt parameters and a non-ASCII password (NFC)', async () => {
    prefetchFromArgv(['obtain-secret', `--wallet=${single}`, '--gate-wallet', custom], {
      AUTHMATE_WALLET_PASSPHRASE: E('neo-go-single.json').password,
      AUTHMATE_WALLET_GATE_PASSPHRASE: E('neo-go-custom-scrypt.json').password.normalize('NFD'),
    });
    expect(pendingScryptRuns()).toBe(2);
    const gate = await loadWalletKey({ path: custom, password: E('neo-go-custom-scrypt.json').password });
    expect(privateKeyToWIF(gate.privateKey)).toBe(E('neo-go-custom-scrypt.json').accounts[0].wif);
    const user = await loadWalletKey({ path: single, password: E('neo-go-single.json').password });
    expect(privateKeyToWIF(user.privateKey)).toBe(E('neo-go-single.json').accounts[0].wif);
  });

  it('a wrong password gives the same error with or without the early run', async () => {
    prefetchFromArgv(['issue-secret', '--wallet', single], { AUTHMATE_WALLET_PASSPHRASE: 'wrong' });
    const err = await loadWalletKey({ path: single, password: 'wrong' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WalletError);
    const plain = await loadWalletKey({ path: single, password: 'wrong' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe((plain as Error).message);
  });

  it('a run for another password is not used (and stays until taken)', async () => {
    prefetchFromArgv(['issue-secret', '--wallet', single], { AUTHMATE_WALLET_PASSPHRASE: 'other' });
    const key = await loadWalletKey({ path: single, password: E('neo-go-single.json').password });
    expect(privateKeyToWIF(key.privateKey)).toBe(E('neo-go-single.json').accounts[0].wif);
    expect(pendingScryptRuns()).toBe(1);
    await take(single, 'other');
  });

  it('starts nothing without a password variable, for other commands (wallet create), --help, a repeated flag or an unreadable wallet', () => {
    const env = { AUTHMATE_WALLET_PASSPHRASE: 'x', AUTHMATE_WALLET_GATE_PASSPHRASE: 'y' };
    prefetchFromArgv(['issue-secret', '--wallet', single], {});
    prefetchFromArgv(['wallet', 'create', '--wallet', single], env);
    prefetchFromArgv(['issue-secret', '--wallet', single, '--help'], env);
    prefetchFromArgv(['issue-secret', '--wallet', single, '--wallet', single], env);
    prefetchFromArgv(['issue-secret', '--', '--wallet', single], env);
    prefetchFromArgv(['obtain-secret', '--gate-wallet', join(FIXTURES, 'missing.json')], env);
    prefetchFromArgv(['obtain-secret', '--gate-wallet', join(FIXTURES, 'README.md')], env);
    expect(pendingScryptRuns()).toBe(0);
  });

  it('multi-account wallet: the --address account, else the default one', async () => {
    const w = E('neo-go-mixed.json');
    prefetchFromArgv(['issue-secret', '--wallet', mixed], { AUTHMATE_WALLET_PASSPHRASE: w.password });
    expect(pendingScryptRuns()).toBe(1);
    const key = await loadWalletKey({ path: mixed, password: w.password });
    expect(key.address).toBe(w.defaultAddress);
    expect(pendingScryptRuns()).toBe(0);
    const other = w.accounts.find((a: { address: string }) => a.address !== w.defaultAddress);
    prefetchFromArgv(['issue-secret', '--wallet', mixed, '--address', other.address], { AUTHMATE_WALLET_PASSPHRASE: w.password });
    const k2 = await loadWalletKey({ path: mixed, address: other.address, password: w.password });
    expect(privateKeyToWIF(k2.privateKey)).toBe(other.wif);
  });
});
