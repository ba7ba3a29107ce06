/**
 * inspect / revoke bad-input table through the real CLI entry (`node bin/authmate.js`, built by
 * `npm test`), no NeoFS peer needed: each case exits with its code, says what is wrong on
 * stderr, prints nothing on stdout, and never waits for input (stdin is not a terminal). The
 * cases that need a real box object (not a box, not yours) run in test/e2e/inspect-revoke.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'test/fixtures/wallets');
const WALLET = join(FIXTURES, 'neo-go-single.json');
const PASSWORD: string = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'))['neo-go-single.json'].password;
const DEAD_PEER = '127.0.0.1:1';
const ID = '7qVGMYo1Rr8R6Zxqtjqnr3NqfkbrWL3xpb34kEEfyjyx0BxH8ZSYW2kA6odbpqXuFmc6bR4ieBaMCmHf1uNkG6dtX'; // well-formed

const tmp = mkdtempSync(join(tmpdir(), 'authmate-inspect-errors-'));
const TEXT_FILE = join(tmp, 'notes.txt');
const JSON_FILE = join(tmp, 'other.json');
writeFileSync(TEXT_FILE, 'these are my notes, not a token\n');
writeFileSync(JSON_FILE, '{"body": {"nope": 1}}');

const authmate = (args: string[], env: Record<string, string> = {}) => runCli(args, env);

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
  code: number;
  stderr: RegExp[];
  maxMs?: number;
}

const revoke = (id: string, extra: string[] = []): string[] => ['revoke', '--peer', DEAD_PEER, '--pool-dial-timeout', '1s', '--wallet', WALLET, '--access-key-id', id, ...extra];
const inspect = (extra: string[]): string[] => ['inspect', '--pool-dial-timeout', '1s', ...extra];

const cases: Case[] = [
  // access key id (exit 5), checked before wallets and the network
  { name: 'inspect: access key id without a separator', args: inspect(['--peer', DEAD_PEER, '--access-key-id', 'abc']), code: 5, stderr: [/^failed to inspect abc: access key id "abc" has no "0"/] },
  { name: 'inspect: access key id with a bad object id', args: inspect(['--peer', DEAD_PEER, '--access-key-id', `${ID.split('0')[0]}0zzz`]), code: 5, stderr: [/access key id: object id zzz: /] },
  { name: 'revoke: malformed access key id', args: revoke('abc0def0ghi', ['--yes']), code: 5, stderr: [/^failed to revoke abc0def0ghi: access key id .* must be <container id>0<object id>, got 3 parts/] },
  // confirmation
  { name: 'revoke without --yes and no terminal fails at once', args: revoke(ID), env: { AUTHMATE_WALLET_PASSPHRASE: PASSWORD }, code: 100, stderr: [/stdin is not a terminal: pass --yes/], maxMs: 5_000 },
  // wallets and peer
  { name: 'revoke: no password and no terminal', args: revoke(ID, ['--yes']), code: 1, stderr: [/no password for wallet .*AUTHMATE_WALLET_PASSPHRASE is not set/], maxMs: 5_000 },
  { name: 'revoke: wrong password', args: revoke(ID, ['--yes']), env: { AUTHMATE_WALLET_PASSPHRASE: 'nope' }, code: 1, stderr: [/wrong password/] },
  { name: 'revoke: unreachable peer', args: revoke(ID, ['--yes']), env: { AUTHMATE_WALLET_PASSPHRASE: PASSWORD }, code: 2, stderr: [/^failed to create NeoFS component: peer 127\.0\.0\.1:1/], maxMs: 8_000 },
  { name: 'inspect: wrong gate wallet password', args: inspect(['--peer', DEAD_PEER, '--access-key-id', ID, '--gate-wallet', WALLET]), env: { AUTHMATE_WALLET_GATE_PASSPHRASE: 'nope' }, code: 4, stderr: [/^failed to load the gate wallet: .*wrong password/] },
  { name: 'inspect: unreachable peer', args: inspect(['--peer', DEAD_PEER, '--access-key-id', ID]), code: 2, stderr: [/^failed to create NeoFS component: peer 127\.0\.0\.1:1/], maxMs: 8_000 },
  // usage
  { name: 'inspect: neither --file nor --access-key-id', args: inspect(['--peer', DEAD_PEER]), code: 100, stderr: [/inspect needs --access-key-id and --peer \(or --file/] },
  { name: 'inspect: --file with --access-key-id', args: inspect(['--file', TEXT_FILE, '--access-key-id', ID]), code: 100, stderr: [/give either --file or --access-key-id/] },
  { name: 'inspect: --show-secret without --gate-wallet', args: inspect(['--file', TEXT_FILE, '--show-secret']), code: 100, stderr: [/--show-secret needs --gate-wallet/] },
  // files (exit 5)
  { name: 'inspect: unknown file (text)', args: inspect(['--file', TEXT_FILE]), code: 5, stderr: [/^failed to inspect .*notes\.txt: not an AccessBox, bearer token, session token v1 \(binary or JSON\) or session token v2/] },
  { name: 'inspect: unknown file (other JSON)', args: inspect(['--file', JSON_FILE]), code: 5, stderr: [/other\.json: not an AccessBox, bearer token/] },
  { name: 'inspect: missing file', args: inspect(['--file', join(tmp, 'absent.box')]), code: 5, stderr: [/absent\.box: can't read it: no such file/] },
];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/run-inspect.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('inspect / revoke: bad-input table', () => {
  it.each(cases)('$name -> exit $code', async (c) => {
    const r = await authmate(c.args, c.env ?? {});
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: c.code });
    for (const re of c.stderr) expect(r.stderr).toMatch(re);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at |TypeError|undefined/);
    if (c.maxMs !== undefined) expect(r.ms).toBeLessThan(c.maxMs);
  });
});
