/**
 * The wallet commands through the real CLI entry (`node bin/authmate.js`, built by `npm test`),
 * with stdin a pipe (no terminal): each bad input gets its message on stderr, nothing on
 * stdout, and exit code 1 (wallet) or 100 (usage), as Go authmate.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptHashFromAddress } from '../../src/crypto/keys.js';
import type { FixtureExpectation } from './wallet-neogo.test.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'test/fixtures/wallets');
const expected: Record<string, FixtureExpectation> = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const single = expected['neo-go-single.json']!;
const tmp = mkdtempSync(join(tmpdir(), 'authmate-cli-wallet-'));

function authmate(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTHMATE_')));
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/authmate.js'), ...args], {
    env: { ...clean, ...env },
    input: '', // a pipe, not a terminal
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** Writes a copy of the single-account neo-go fixture with `mutate` applied. */
function variant(name: string, mutate: (w: any) => void): string {
  const w = JSON.parse(readFileSync(join(FIXTURES, 'neo-go-single.json'), 'utf8'));
  mutate(w);
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(w));
  return path;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/commands/wallet.js'))) throw new Error('dist/ is missing the wallet command: run `npm run build` (npm test does)');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('wallet commands: bad input table', () => {
  const pw = { AUTHMATE_WALLET_PASSPHRASE: single.password };
  const good = join(FIXTURES, 'neo-go-single.json');
  const notJson = join(tmp, 'not-json.json');
  writeFileSync(notJson, '{"version": "1.0", accounts: []');
  const notNep6 = join(tmp, 'not-nep6.json');
  writeFileSync(notNep6, JSON.stringify({ version: '1.0', wallets: [] }));
  const stranger = 'NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i';

  const table: { name: string; args: string[]; env?: Record<string, string>; code: number; message: string | RegExp }[] = [
    { name: 'missing file', args: ['wallet', 'check', '--wallet', join(tmp, 'nope.json')], env: pw, code: 1, message: `wallet file ${join(tmp, 'nope.json')} does not exist` },
    { name: 'not JSON', args: ['wallet', 'check', '--wallet', notJson], env: pw, code: 1, message: new RegExp(`^wallet ${notJson} is not valid JSON: `) },
    { name: 'not NEP-6', args: ['wallet', 'check', '--wallet', notNep6], env: pw, code: 1, message: `wallet ${notNep6} is not a NEP-6 wallet: "accounts" must be an array` },
    {
      name: 'wrong password',
      args: ['wallet', 'check', '--wallet', good],
      env: { AUTHMATE_WALLET_PASSPHRASE: 'not it' },
      code: 1,
      message: `couldn't decrypt account ${single.defaultAddress} of ${good}: wrong password`,
    },
    {
      name: 'unknown --address',
      args: ['wallet', 'check', '--wallet', good, '--address', stranger],
      env: pw,
      code: 1,
      message: `wallet ${good} has no account ${stranger}; its accounts: ${single.defaultAddress}`,
    },
    { name: 'malformed --address', args: ['wallet', 'check', '--wallet', good, '--address', 'xyz'], env: pw, code: 1, message: /^invalid address "xyz": / },
    {
      name: 'corrupt key field',
      args: ['wallet', 'check', '--wallet', variant('corrupt-key.json', (w) => (w.accounts[0].key = w.accounts[0].key.slice(0, -2) + 'zz'))],
      env: pw,
      code: 1,
      message: new RegExp(`^couldn't decrypt account ${single.defaultAddress} of .*: corrupt "key" field: NEP-2 key has a wrong checksum`),
    },
    {
      name: 'key field not NEP-2',
      args: ['wallet', 'check', '--wallet', variant('wif-key.json', (w) => (w.accounts[0].key = single.accounts[0]!.wif))],
      env: pw,
      code: 1,
      message: /corrupt "key" field: NEP-2 key must decode to 39 bytes, got 34$/,
    },
    {
      name: 'unsupported scrypt parameters',
      args: ['wallet', 'check', '--wallet', variant('scrypt.json', (w) => (w.scrypt = { n: 1000, r: 8, p: 8 }))],
      env: pw,
      code: 1,
      message: /unsupported scrypt parameters \(n=1000, r=8, p=8\): n must be a power of two/,
    },
    {
      name: 'absurd scrypt memory',
      args: ['wallet', 'check', '--wallet', variant('scrypt-mem.json', (w) => (w.scrypt = { n: 2 ** 24, r: 8, p: 1 }))],
      env: pw,
      code: 1,
      message: /need 16384 MiB, more than the 1024 MiB allowed/,
    },
    {
      name: 'no TTY and no variable',
      args: ['wallet', 'check', '--wallet', good],
      code: 1,
      message: `no password for wallet ${good}: AUTHMATE_WALLET_PASSPHRASE is not set and stdin is not a terminal to ask on (set AUTHMATE_WALLET_PASSPHRASE; an empty value means an empty password)`,
    },
    {
      name: 'wallet create without TTY and variable',
      args: ['wallet', 'create', '--wallet', join(tmp, 'never.json')],
      code: 1,
      message: /^no password for wallet .*never\.json: AUTHMATE_WALLET_PASSPHRASE is not set/,
    },
    { name: 'wallet create over an existing file', args: ['wallet', 'create', '--wallet', good], env: pw, code: 1, message: `wallet file ${good} already exists; refusing to overwrite it` },
    { name: 'dump-keys of a missing file', args: ['wallet', 'dump-keys', '--wallet', join(tmp, 'nope.json')], code: 1, message: /does not exist$/ },
    { name: 'missing --wallet', args: ['wallet', 'check'], code: 100, message: /Missing required argument: wallet/ },
    { name: 'unknown wallet sub-command', args: ['wallet', 'export'], code: 100, message: /^error: / },
  ];

  for (const c of table) {
    it(`${c.name} -> exit ${c.code}`, () => {
      const r = authmate(c.args, c.env);
      const firstLine = r.stderr.trim().split('\n').pop()!;
      if (typeof c.message === 'string') expect(r.stderr.trim()).toBe(c.message);
      else expect(c.code === 100 ? r.stderr : firstLine).toMatch(c.message);
      expect(r.code).toBe(c.code);
      if (c.code === 1) expect(r.stdout).toBe('');
    });
  }

  it('fails at once without a terminal (no waiting for input)', () => {
    const r = authmate(['wallet', 'check', '--wallet', good]);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(5_000);
    expect(existsSync(join(tmp, 'never.json'))).toBe(false);
  });
});

describe('wallet commands: success paths', () => {
  it('create -> dump-keys -> check round trip, empty password from a set-but-empty variable', () => {
    const path = join(tmp, 'made.json');
    const made = authmate(['wallet', 'create', '--wallet', path, '--label', 'gate'], { AUTHMATE_WALLET_PASSPHRASE: '' });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const info = JSON.parse(made.stdout);
    expect(info.wallet).toBe(path);
    const dumped = authmate(['wallet', 'dump-keys', '--wallet', path]);
    expect(JSON.parse(dumped.stdout)).toEqual([{ address: info.address, public_key: info.public_key, label: 'gate' }]);
    const checked = authmate(['wallet', 'check', '--wallet', path], { AUTHMATE_WALLET_PASSPHRASE: '' });
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toEqual({ address: info.address, public_key: info.public_key });
  });

  it('check picks the account neo-go would, or the one --address names (LE script hash too)', () => {
    const exp = expected['neo-go-mixed.json']!;
    const path = join(tmp, 'mixed.json');
    copyFileSync(join(FIXTURES, 'neo-go-mixed.json'), path);
    const env = { AUTHMATE_WALLET_PASSPHRASE: exp.password };
    expect(JSON.parse(authmate(['wallet', 'check', '--wallet', path], env).stdout).address).toBe(exp.defaultAddress);
    const third = exp.accounts[2]!;
    const r = authmate(['wallet', 'check', '--wallet', path, '--address', third.address], env);
    expect(JSON.parse(r.stdout)).toEqual({ address: third.address, public_key: third.publicKey });
    const le = `0x${Buffer.from(scriptHashFromAddress(third.address)).reverse().toString('hex')}`;
    expect(JSON.parse(authmate(['wallet', 'check', '--wallet', path, '--address', le], env).stdout).address).toBe(third.address);
    const dump = JSON.parse(authmate(['wallet', 'dump-keys', '--wallet', path, '--address', third.address]).stdout);
    expect(dump).toEqual([{ address: third.address, public_key: third.publicKey, label: '' }]);
  });
});
