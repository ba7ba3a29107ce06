// Bounded scrypt work (src/wallet/limits.ts, enforced by nep2's checkScryptParams), the
// prefetch cache's bounds, and the early prefetch's refusal of odd wallets.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PREFETCH_WALLET_MAX_BYTES, prefetchFromArgv } from '../../src/cli/early.js';
import { terminateScryptWorkers } from '../../src/crypto/scrypt/parallel.js';
import { loadWalletKey, WalletError } from '../../src/wallet/index.js';
import { SCRYPT_MAX_WORK, WALLET_FILE_MAX_BYTES } from '../../src/wallet/limits.js';
import { checkScryptParams, NEP2_SCRYPT, Nep2Error } from '../../src/wallet/nep2.js';
import { cancelPrefetchedScrypt, MAX_PREFETCHED_RUNS, pendingScryptRuns, prefetchScrypt, scryptRunId, takeScrypt } from '../../src/wallet/scrypt-cache.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/wallets');
const single = join(FIXTURES, 'neo-go-single.json');
const password = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'))['neo-go-single.json'].password;
const work = mkdtempSync(join(tmpdir(), 'authmate-scrypt-limits-'));

afterEach(() => cancelPrefetchedScrypt());
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await terminateScryptWorkers();
});

describe('scrypt work limit', () => {
  it('refuses n*r*p above 2^24 with the wallet parameters and the limit in the message', () => {
    expect(SCRYPT_MAX_WORK).toBe(2 ** 24);
    for (const p of [65536, 512, 129]) {
      const err = (() => {
        try {
          checkScryptParams({ n: 16384, r: 8, p });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(Nep2Error);
      expect((err as Error).message).toBe(
        `unsupported scrypt parameters (n=16384, r=8, p=${p}): n * r * p = ${16384 * 8 * p} is more work than the limit of 2^24 = 16777216 (NEP-2's is 2^20)`,
      );
    }
    expect(() => checkScryptParams({ n: 16384, r: 8, p: 128 })).not.toThrow();
    expect(() => checkScryptParams(NEP2_SCRYPT)).not.toThrow();
  });

  it('a wallet asking for p=65536 fails at once with a wallet error, before any scrypt', async () => {
    const w = JSON.parse(readFileSync(single, 'utf8'));
    w.scrypt.p = 65536;
    const path = join(work, 'p65536.json');
    writeFileSync(path, JSON.stringify(w));
    prefetchFromArgv(['issue-secret', '--wallet', path], { AUTHMATE_WALLET_PASSPHRASE: password });
    expect(pendingScryptRuns()).toBe(0);
    const err = await loadWalletKey({ path, password }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WalletError);
    expect((err as WalletError).kind).toBe('scrypt');
    expect((err as Error).message).toMatch(/n=16384, r=8, p=65536\): n \* r \* p = 8589934592 is more work than the limit of 2\^24/);
  });
});

describe('early prefetch reads wallets safely', () => {
  const env = { AUTHMATE_WALLET_PASSPHRASE: password };

  it('starts nothing for /dev/zero, a directory, or a file over the size limit', () => {
    prefetchFromArgv(['issue-secret', '--wallet', '/dev/zero'], env);
    prefetchFromArgv(['issue-secret', '--wallet', work], env);
    const big = join(work, 'big.json');
    writeFileSync(big, readFileSync(single));
    truncateSync(big, WALLET_FILE_MAX_BYTES + 1);
    prefetchFromArgv(['issue-secret', '--wallet', big], env);
    expect(pendingScryptRuns()).toBe(0);
  });

  it('prefetches a wallet of up to PREFETCH_WALLET_MAX_BYTES, not a bigger one (the command alone parses that)', async () => {
    const text = readFileSync(single, 'utf8');
    const sized = (name: string, bytes: number) => {
      const path = join(work, name);
      writeFileSync(path, text.padEnd(bytes, ' ')); // trailing whitespace: still the same valid wallet
      return path;
    };
    prefetchFromArgv(['issue-secret', '--wallet', sized('over.json', PREFETCH_WALLET_MAX_BYTES + 1)], env);
    expect(pendingScryptRuns()).toBe(0);
    const atLimit = sized('at-limit.json', PREFETCH_WALLET_MAX_BYTES);
    prefetchFromArgv(['issue-secret', '--wallet', atLimit], env);
    expect(pendingScryptRuns()).toBe(1);
    await loadWalletKey({ path: atLimit, password });
    expect(pendingScryptRuns()).toBe(0);
  });

  it('wallet check prefetches too, and the run is the one loadWalletKey takes', async () => {
    prefetchFromArgv(['wallet', 'check', '--wallet', single], env);
    expect(pendingScryptRuns()).toBe(1);
    await loadWalletKey({ path: single, password });
    expect(pendingScryptRuns()).toBe(0);
  });
});

describe('prefetch cache', () => {
  it('holds at most MAX_PREFETCHED_RUNS runs (oldest dropped) and each is taken once', async () => {
    const salt = Buffer.from('salt');
    for (let i = 0; i < MAX_PREFETCHED_RUNS + 3; i++) prefetchScrypt(Buffer.from(`pw${i}`), salt, 16, 1, 1);
    expect(pendingScryptRuns()).toBe(MAX_PREFETCHED_RUNS);
    expect(takeScrypt(Buffer.from('pw0'), salt, 16, 1, 1)).toBeUndefined(); // dropped
    const last = `pw${MAX_PREFETCHED_RUNS + 2}`;
    const run = takeScrypt(Buffer.from(last), salt, 16, 1, 1);
    expect(run).toBeDefined();
    expect(takeScrypt(Buffer.from(last), salt, 16, 1, 1)).toBeUndefined();
    expect((await run!).length).toBe(64);
    expect(pendingScryptRuns()).toBe(MAX_PREFETCHED_RUNS - 1);
  });

  it('keys runs by neither the password nor its hex (an HMAC under a per-process key)', () => {
    const pw = Buffer.from('correct horse battery staple');
    const id = scryptRunId(pw, Buffer.from('salt'), 16, 1, 1);
    for (const form of [pw.toString('hex'), pw.toString('base64'), pw.toString('utf8')]) expect(id).not.toContain(form);
    expect(Buffer.from(id, 'base64')).toHaveLength(32);
    expect(scryptRunId(Buffer.from(pw), Buffer.from('salt'), 16, 1, 1)).toBe(id);
    expect(scryptRunId(Buffer.from('correct horse battery stapl3'), Buffer.from('salt'), 16, 1, 1)).not.toBe(id);
    expect(scryptRunId(pw, Buffer.from('salt'), 16, 1, 2)).not.toBe(id);
  });
});
