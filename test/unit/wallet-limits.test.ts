import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addressFromScriptHash } from '../../src/crypto/keys.js';
import { ACCOUNTS_LISTED_IN_ERRORS, openWallet, parseNep6, Wallet, WalletError } from '../../src/wallet/nep6.js';
import { WALLET_FILE_MAX_BYTES } from '../../src/wallet/limits.js';

const tmp = mkdtempSync(join(tmpdir(), 'authmate-wallet-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function walletError(p: Promise<unknown>): Promise<WalletError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WalletError);
    return err as WalletError;
  }
  throw new Error('expected a WalletError');
}

describe('wallet file reads are bounded', () => {
  it('refuses /dev/zero at once (it used to grow the process to GBs)', async () => {
    const t = Date.now();
    const err = await walletError(openWallet('/dev/zero'));
    expect(err.kind).toBe('unreadable');
    expect(err.message).toBe('wallet file /dev/zero is a character device, not a regular file');
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('refuses a wallet over the 16 MiB limit, naming the file and the limit', async () => {
    const p = join(tmp, 'huge.json');
    writeFileSync(p, Buffer.alloc(WALLET_FILE_MAX_BYTES + 1, 0x20));
    const err = await walletError(openWallet(p));
    expect(err.message).toBe(`wallet file ${p} is larger than the 16 MiB limit`);
  });

  it('names a missing wallet and a directory', async () => {
    expect((await walletError(openWallet(join(tmp, 'nope.json')))).kind).toBe('missing');
    expect((await walletError(openWallet(tmp))).message).toBe(`wallet file ${tmp} is a directory, not a regular file`);
  });
});

describe('"no such account" lists at most a few accounts', () => {
  const accounts = Array.from({ length: 1000 }, (_, i) => {
    const h = new Uint8Array(20);
    new DataView(h.buffer).setUint32(0, i + 1);
    return { address: addressFromScriptHash(h), key: null, label: null, contract: null, lock: false, isDefault: false };
  });
  const w = new Wallet(parseNep6({ version: '1.0', accounts, scrypt: { n: 16384, r: 8, p: 8 } }), 'big.json');

  it('caps the list for an unknown --address', () => {
    const stranger = addressFromScriptHash(new Uint8Array(20).fill(0xee));
    let err: WalletError | undefined;
    try {
      w.account(stranger);
    } catch (e) {
      err = e as WalletError;
    }
    const shown = accounts.slice(0, ACCOUNTS_LISTED_IN_ERRORS).map((a) => a.address).join(', ');
    expect(err?.message).toBe(`wallet big.json has no account ${stranger}; its accounts: ${shown} and 990 more`);
  });

  it('caps the list when no account has a signature contract', () => {
    expect(() => w.account()).toThrow(/its accounts: (N[^,]+, ){9}N\S+ and 990 more$/);
  });
});
