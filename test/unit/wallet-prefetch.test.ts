// prefetchWalletKey: the CLI starts the wallet's scrypt early; loadWalletKey must then give
// exactly what it would have given on its own (key or error), at the point where it is called.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { privateKeyToWIF } from '../../src/crypto/keys.js';
import { clearPrefetchedWalletKeys, loadWalletKey, prefetchWalletKey, WalletError } from '../../src/wallet/index.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/wallets');
const path = join(FIXTURES, 'neo-go-single.json');
const exp = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'))['neo-go-single.json'];

describe('prefetchWalletKey', () => {
  it('hands the prefetched key to the next loadWalletKey with the same path and password', async () => {
    const env = { PW: exp.password };
    prefetchWalletKey({ path, passwordEnv: 'PW', env });
    const key = await loadWalletKey({ path, passwordEnv: 'PW', env, prompt: () => Promise.reject(new Error('no prompt expected')) });
    expect(privateKeyToWIF(key.privateKey)).toBe(exp.accounts[0].wif);
  });

  it('keeps a wrong-password error until loadWalletKey is called (no unhandled rejection)', async () => {
    const env = { PW: 'wrong' };
    prefetchWalletKey({ path, passwordEnv: 'PW', env });
    await new Promise((r) => setTimeout(r, 2000)); // the scrypt fails meanwhile
    const err = await loadWalletKey({ path, passwordEnv: 'PW', env }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WalletError);
    expect((err as WalletError).message).toMatch(/password/);
  });

  it('is not used for another password, and does nothing without one', async () => {
    prefetchWalletKey({ path, passwordEnv: 'PW', env: { PW: 'wrong' } });
    prefetchWalletKey({ path, passwordEnv: 'UNSET', env: {} }); // would need a prompt: not started
    const key = await loadWalletKey({ path, password: exp.password });
    expect(privateKeyToWIF(key.privateKey)).toBe(exp.accounts[0].wif);
    clearPrefetchedWalletKeys();
    const err = await loadWalletKey({ path, passwordEnv: 'UNSET', env: {} }).catch((e: unknown) => e);
    expect((err as WalletError).message).toMatch(/no password/);
  });
});
