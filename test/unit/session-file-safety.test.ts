/**
 * Token files are read with a bound, and `util sign session-token --to` never destroys a file
 * that is not a session token (the signing wallet above all); it writes atomically, through links.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assertTokenFileReplaceable, decodeSessionTokenAny, readSessionTokenFile, SessionTokenFileError } from '../../src/session/index.js';
import { verifySessionToken } from '../../src/tokens/session-v1.js';
import { FILE_LIMITS } from '../../src/util/files.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = join(ROOT, 'test/fixtures/session-tools');
const WALLETS = join(ROOT, 'test/fixtures/wallets');
const single = JSON.parse(readFileSync(join(WALLETS, 'expected.json'), 'utf8'))['neo-go-single.json'];
const tmp = mkdtempSync(join(tmpdir(), 'session-file-safety-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function fileError(p: Promise<unknown>): Promise<SessionTokenFileError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SessionTokenFileError);
    return err as SessionTokenFileError;
  }
  throw new Error('expected a SessionTokenFileError');
}

describe('reading token files', () => {
  it('refuses /dev/zero at once and a file over 1 MiB, naming the file and the limit', async () => {
    const t = Date.now();
    expect((await fileError(readSessionTokenFile('/dev/zero'))).message).toBe('session token file /dev/zero is a character device, not a regular file');
    expect(Date.now() - t).toBeLessThan(1000);
    const big = join(tmp, 'big.json');
    writeFileSync(big, Buffer.alloc(FILE_LIMITS.sessionTokenFile + 1, 0x20));
    expect((await fileError(readSessionTokenFile(big))).message).toBe(`session token file ${big} is larger than the 1 MiB limit`);
  });
});

describe('assertTokenFileReplaceable', () => {
  it('accepts a new path and an existing token; refuses the wallet (also through a link), other files and read-only tokens', async () => {
    const wallet = join(tmp, 'w.json');
    copyFileSync(join(WALLETS, 'neo-go-single.json'), wallet);
    const protect = [{ path: wallet, what: 'the signing wallet' }];
    await assertTokenFileReplaceable(join(tmp, 'new.json'), protect);
    const token = join(tmp, 'token.json');
    copyFileSync(join(DIR, 'static-head.signed.json'), token);
    await assertTokenFileReplaceable(token, protect);
    expect((await fileError(assertTokenFileReplaceable(wallet, protect))).message).toBe(
      `refusing to write the session token over ${wallet}: it is the signing wallet ${wallet}`,
    );
    symlinkSync(wallet, join(tmp, 'wlink'));
    expect((await fileError(assertTokenFileReplaceable(join(tmp, 'wlink'), protect))).message).toMatch(/it is the signing wallet/);
    // Not protected by name, but still not a token: refused too.
    expect((await fileError(assertTokenFileReplaceable(wallet))).message).toMatch(/exists and is not a session token/);
    writeFileSync(join(tmp, 'notes.txt'), 'my notes\n');
    expect((await fileError(assertTokenFileReplaceable(join(tmp, 'notes.txt')))).message).toMatch(/not a session token/);
    const ro = join(tmp, 'ro.json');
    writeFileSync(ro, readFileSync(token), { mode: 0o444 });
    expect((await fileError(assertTokenFileReplaceable(ro))).message).toMatch(/read-only \(mode 0444\)/);
  });
});

describe('util sign session-token --to (CLI)', () => {
  function authmate(args: string[], env: Record<string, string> = {}) {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTHMATE_')));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/authmate.js'), ...args], { env: { ...clean, ...env }, input: '', encoding: 'utf8', timeout: 20_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const pw = { AUTHMATE_WALLET_PASSPHRASE: single.password };
  const prepared = join(DIR, 'static-head.prepared.json');

  it('refuses to overwrite the signing wallet (by path, link or AUTHMATE_WALLET) and leaves it unchanged', () => {
    const wallet = join(tmp, 'cli-wallet.json');
    copyFileSync(join(WALLETS, 'neo-go-single.json'), wallet);
    const before = readFileSync(wallet);
    symlinkSync(wallet, join(tmp, 'cli-wallet-link.json'));
    for (const to of [wallet, join(tmp, 'cli-wallet-link.json')]) {
      const r = authmate(['-w', wallet, 'util', 'sign', 'session-token', '--from', prepared, '--to', to], pw);
      expect([r.code, r.stdout]).toEqual([100, '']);
      expect(r.stderr).toMatch(/--to: refusing to write the session token over .*: it is the signing wallet/);
    }
    const e = authmate(['util', 'sign', 'session-token', '--from', prepared, '--to', wallet], { ...pw, AUTHMATE_WALLET: wallet });
    expect(e.code).toBe(100);
    expect(readFileSync(wallet)).toEqual(before);
  });

  it('refuses an existing non-token file; replaces a token through a symbolic link, keeping the link', () => {
    const wallet = join(WALLETS, 'neo-go-single.json');
    const notes = join(tmp, 'cli-notes.txt');
    writeFileSync(notes, 'keep me\n');
    const r = authmate(['-w', wallet, 'util', 'sign', 'session-token', '--from', prepared, '--to', notes], pw);
    expect([r.code, r.stdout]).toEqual([100, '']);
    expect(r.stderr).toMatch(/exists and is not a session token/);
    expect(readFileSync(notes, 'utf8')).toBe('keep me\n');

    const target = join(tmp, 'cli-target.json');
    copyFileSync(prepared, target);
    symlinkSync(target, join(tmp, 'cli-link.json'));
    const ok = authmate(['-w', wallet, 'util', 'sign', 'session-token', '--from', prepared, '--to', join(tmp, 'cli-link.json')], pw);
    expect(ok.code, ok.stderr).toBe(0);
    expect(lstatSync(join(tmp, 'cli-link.json')).isSymbolicLink()).toBe(true);
    verifySessionToken(decodeSessionTokenAny(readFileSync(target)).token);
  });

  it('--from /dev/zero ends at once with exit 8', () => {
    const t = Date.now();
    const r = authmate(['-w', join(WALLETS, 'neo-go-single.json'), 'util', 'sign', 'session-token', '--from', '/dev/zero'], pw);
    expect([r.code, r.stdout]).toEqual([8, '']);
    expect(r.stderr).toMatch(/\/dev\/zero is a character device, not a regular file/);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});
