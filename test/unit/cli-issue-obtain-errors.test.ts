/**
 * issue-secret / obtain-secret bad-input table through the real CLI entry (`node bin/authmate.js`,
 * built by `npm test`), no NeoFS peer needed: every case must exit with the Go tool's code, say
 * what is wrong (and where) on stderr, print NOTHING on stdout, and leave the AWS credentials
 * file given with --aws-cli-credentials byte-identical (and no stray file beside it).
 *
 * Local checks run before the wallet and the network, so most cases need neither; the wallet
 * cases decrypt a real neo-go fixture; the peer cases dial 127.0.0.1:1 (refused at once).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'test/fixtures/wallets');
const WALLET = join(FIXTURES, 'neo-go-single.json');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const PASSWORD: string = expected['neo-go-single.json'].password;
const ADDRESS: string = expected['neo-go-single.json'].defaultAddress;

/** A real P-256 key (gateway 0 of the devnet) and keys that must be refused. */
const GATE = '03463f48d04c4464399a2db25902a1c0c7971d9b270aac96189238470e2bc97d97';
const GATE_OFF_CURVE = '03463f48d14c4464399a2db25902a1c0c7971d9b270aac96189238470e2bc97d97'; // x³-3x+b has no square root
const GATE_OFF_CURVE_UNCOMPRESSED = `04${GATE.slice(2)}${GATE.slice(2)}`; // y = x: not on the curve
const DEAD_PEER = '127.0.0.1:1';
const CID = '7qVGMYo1Rr8R6Zxqtjqnr3NqfkbrWL3xpb34kEEfyjyx'; // well-formed, 32 bytes

const tmp = mkdtempSync(join(tmpdir(), 'authmate-cli-errors-'));
const credsDir = join(tmp, 'aws');
const CREDS = join(credsDir, 'credentials');
const CREDS_TEXT = '[default]\naws_access_key_id = KEEP\naws_secret_access_key = ME\n\n[other]\nregion = eu-west-1\n';


const authmate = (args: string[], env: Record<string, string> = {}) => runCli(args, env);

const userPw = { AUTHMATE_WALLET_PASSPHRASE: PASSWORD };
const gatePw = { AUTHMATE_WALLET_GATE_PASSPHRASE: PASSWORD };

/** issue-secret with valid defaults (a dead peer, the credentials file), overridden by `extra`. */
function issue(extra: string[], opts: { gate?: string[]; peer?: string } = {}): string[] {
  const gates = (opts.gate ?? [GATE]).flatMap((g) => ['--gate-public-key', g]);
  return [
    'issue-secret',
    '--wallet', WALLET,
    '--peer', opts.peer ?? DEAD_PEER,
    '--pool-dial-timeout', '1s',
    '--aws-cli-credentials', CREDS,
    ...gates,
    ...extra,
  ];
}

function obtain(accessKeyId: string | undefined, extra: string[] = []): string[] {
  return [
    'obtain-secret',
    '--peer', DEAD_PEER,
    '--pool-dial-timeout', '1s',
    '--gate-wallet', WALLET,
    ...(accessKeyId === undefined ? [] : ['--access-key-id', accessKeyId]),
    ...extra,
  ];
}

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
  code: number;
  /** Every pattern must match stderr. */
  stderr: RegExp[];
  /** Upper bound on wall time (no hang, no long dial). */
  maxMs?: number;
}

const AK_OK_OID = 'BxH8ZSYW2kA6odbpqXuFmc6bR4ieBaMCmHf1uNkG6dtX';

const cases: Case[] = [
  // --gate-public-key (exit 4)
  { name: 'gate key not on the curve (compressed)', args: issue([], { gate: [GATE_OFF_CURVE] }), code: 4, stderr: [/^failed to load gate's public key: gate public key #1 \(03463f48d1/, /not a point on the P-256 curve/] },
  { name: 'gate key not on the curve (uncompressed)', args: issue([], { gate: [GATE, GATE_OFF_CURVE_UNCOMPRESSED] }), code: 4, stderr: [/gate public key #2 \(04463f48/, /not a point on the P-256 curve/] },
  { name: 'gate key of the wrong length', args: issue([], { gate: ['0346'] }), code: 4, stderr: [/gate public key #1 \(0346\): public key must be 33 bytes \(compressed\) or 65 bytes \(uncompressed\), got 2/] },
  { name: 'gate key not hex', args: issue([], { gate: [`zz${GATE.slice(2)}`] }), code: 4, stderr: [/gate public key #1 .*: public key is not valid hex/] },
  { name: 'gate key with a bad prefix byte', args: issue([], { gate: [`05${GATE.slice(2)}`] }), code: 4, stderr: [/must start with 0x02 or 0x03, got 0x05/] },
  { name: 'gate key given twice', args: issue([], { gate: [GATE, GATE] }), code: 4, stderr: [/gate public key #2 \(03463f48d04c.*\) is given twice/] },

  // --container-id (exit 3)
  { name: 'container id not base58', args: issue(['--container-id', 'abc0']), code: 3, stderr: [/^failed to parse auth container id: container ID "abc0" is not base58 \(invalid character "0"\)/] },
  { name: 'container id of the wrong length', args: issue(['--container-id', '111']), code: 3, stderr: [/^failed to parse auth container id: container ID "111" must be 32 bytes, got 3/] },

  // --lifetime (exit 5)
  { name: 'zero lifetime', args: issue(['--lifetime', '0s']), code: 5, stderr: [/^lifetime must be greater 0, current value: 0s$/m] },
  { name: 'negative lifetime', args: issue(['--lifetime=-1h']), code: 5, stderr: [/^lifetime must be greater 0, current value: -1h0m0s$/m] },
  { name: 'negative lifetime as a separate argument (Go syntax)', args: issue(['--lifetime', '-1h']), code: 5, stderr: [/^lifetime must be greater 0, current value: -1h0m0s$/m] },
  // Go fails while parsing the flag, before any check: a usage error (the parity issue's table).
  { name: 'malformed lifetime', args: issue(['--lifetime', '1y']), code: 100, stderr: [/^invalid --lifetime: invalid duration "1y": unknown unit "y"/] },
  { name: 'lifetime longer than Go can hold (Go: flag parse error)', args: issue(['--lifetime', '99999999999h']), code: 100, stderr: [/^invalid --lifetime: invalid duration "99999999999h": longer than Go's longest, 2562047h47m16\.854775807s$/m] },
  { name: 'a 400-digit lifetime fails at once, locally', args: issue(['--lifetime', `${'9'.repeat(400)}h`]), code: 100, stderr: [/^invalid --lifetime: invalid duration "9{64}…": longer than Go's longest/m], maxMs: 5_000 },
  { name: 'bad container id wins over a bad lifetime (Go order)', args: issue(['--container-id', '111', '--lifetime', '0s']), code: 3, stderr: [/^failed to parse auth container id/] },
  { name: 'both session flags', args: issue(['--session-tokens', '[]', '--session-rules', '{}', '--create-session-token']), code: 8, stderr: [/^use either --session-tokens or the legacy --session-rules, not both$/m] },

  // --container-policy (exit 6)
  // Go v0.45 (measured on the local network): a policy inside the mapping that does not parse fails while issuing, 7
  { name: 'container policy with a bad placement policy', args: issue(['--container-policy', '{"eu":"REP"}']), code: 7, stderr: [/^--container-policy: eu: placement policy: line 1:4: unexpected end of input/] },
  { name: 'container policy that is not JSON', args: issue(['--container-policy', '{"eu":']), code: 6, stderr: [/^--container-policy: invalid JSON at line 1:7/] },
  { name: 'container policy for "default"', args: issue(['--container-policy', '{"default":"REP 1"}']), code: 6, stderr: [/config overrides default location constraint/] },

  // --bearer-rules (exit 7)
  { name: 'bearer rules: JSON syntax error', args: issue(['--bearer-rules', '{"records":[{"operation":"GET",}]}']), code: 7, stderr: [/^--bearer-rules: invalid JSON at line 1:32: expected a string key/] },
  { name: 'bearer rules: unknown operation', args: issue(['--bearer-rules', '{"records":[{"operation":"GETX","action":"ALLOW"}]}']), code: 7, stderr: [/^--bearer-rules: records\[0\]\.operation: unknown value "GETX"/] },
  {
    name: 'bearer rules: unknown field deep inside',
    args: issue(['--bearer-rules', '{"records":[{"operation":"GET","action":"ALLOW","targets":[{"role":"OTHERS","keyz":[]}]}]}']),
    code: 7,
    stderr: [/^--bearer-rules: records\[0\]\.targets\[0\]\.keyz: unknown field \(expected one of role, keys\)/],
  },
  { name: 'bearer rules: neither JSON nor a file', args: issue(['--bearer-rules', join(tmp, 'missing-rules.json')]), code: 7, stderr: [/^--bearer-rules: neither valid JSON \(line 1:1: .*\) nor a readable file \(ENOENT\)/] },
  { name: 'bearer rules without --box-format: g3, said on stderr (then the dead peer)', args: issue(['--bearer-rules', '{"records":[]}']), env: { AUTHMATE_WALLET_PASSPHRASE: PASSWORD }, code: 2, stderr: [/^using --box-format g3 .* because of --bearer-rules; give --box-format to choose$/m] },
  { name: 'bearer rules with a g4 box', args: issue(['--box-format', 'g4', '--bearer-rules', '{"records":[]}']), code: 7, stderr: [/^--bearer-rules: not used by g4 boxes/, /use --session-tokens/] },

  // --container-placement-policy (exit 7, as Go's agent)
  { name: 'bad placement policy', args: issue(['--container-placement-policy', 'REP X']), code: 7, stderr: [/^failed to issue secret: --container-placement-policy: placement policy: line 1:5: unexpected "X"/] },

  // --session-tokens: JSON that does not read exits 8; rules that make no sense 7 (Go v0.45, measured)
  { name: 'session rules: JSON syntax error', args: issue(['--session-tokens', '[{"verb":"PUT","containerID":null},]']), code: 8, stderr: [/^--session-tokens: invalid JSON at line 1:36/] },
  { name: 'session rules: unknown verb', args: issue(['--session-tokens', '[{"verb":"PUT"},{"verb":"FOO"}]']), code: 7, stderr: [/^--session-tokens: \[1\]\.verb: unknown session token verb "FOO"/] },
  { name: 'session rules: object verb with a g3 box', args: issue(['--box-format', 'g3', '--session-tokens', '[{"verb":"OBJECT_GET"}]']), code: 7, stderr: [/^--session-tokens: \[0\]\.verb: object verb OBJECT_GET needs session tokens v2/] },
  { name: 'session rules: malformed containerID', args: issue(['--session-tokens', '[{"verb":"PUT","containerID":"abc"}]']), code: 7, stderr: [/^--session-tokens: \[0\]\.containerID: container ID must be 32 bytes/] },
  { name: 'g4 box with --session-tokens none', args: issue(['--box-format', 'g4', '--session-tokens', 'none']), code: 8, stderr: [/^--session-tokens: a g4 box needs at least one session rule/] },

  // Usage (exit 100)
  { name: 'issue-secret without --peer', args: ['issue-secret', '--wallet', WALLET, '--gate-public-key', GATE, '--aws-cli-credentials', CREDS], code: 100, stderr: [/^error: Missing required argument: peer$/m] },
  { name: 'issue-secret with an unknown --box-format', args: issue(['--box-format', 'g9']), code: 100, stderr: [/Invalid values:[\s\S]*box-format/] },

  // --preset / --bucket / --batch (ours; exit 100 for a wrong name or combination)
  { name: 'unknown preset', args: issue(['--preset', 'read-mostly']), code: 100, stderr: [/^--preset: unknown preset "read-mostly" \(expected one of read-only, read-write, full, put-only\)$/m] },
  { name: 'preset with --session-tokens', args: issue(['--preset', 'full', '--session-tokens', '[{"verb":"OBJECT_GET"}]']), code: 100, stderr: [/^--preset: preset full and explicit session rules exclude each other/m] },
  { name: 'preset with --bearer-rules', args: issue(['--preset', 'read-only', '--bearer-rules', '{"records":[]}']), code: 100, stderr: [/^--preset: preset read-only and explicit bearer rules exclude each other/m] },
  { name: '--bucket without --preset', args: issue(['--bucket', 'photos']), code: 100, stderr: [/^--bucket: a bucket limits a preset: give a preset too$/m] },
  { name: '--batch with --aws-cli-credentials', args: issue(['--batch', join(tmp, 'any.jsonl')]), code: 100, stderr: [/^--aws-cli-credentials is not used with --batch/m] },

  // AWS credentials file (exit 7, before anything is issued)
  {
    name: 'credentials file in a missing directory',
    args: [...issue([]).filter((a) => a !== CREDS && a !== '--aws-cli-credentials'), '--aws-cli-credentials', join(tmp, 'no-such-dir', 'credentials')],
    code: 7,
    stderr: [/^failed to issue secret: couldn't open aws cli credentials file .*no-such-dir\/credentials: directory .*no-such-dir does not exist$/m],
  },

  // Wallet (exit 1): local checks passed, the wallet is opened before the network
  { name: 'wrong wallet password', args: issue([]), env: { AUTHMATE_WALLET_PASSPHRASE: 'not the password' }, code: 1, stderr: [new RegExp(`^couldn't decrypt account ${ADDRESS} of .*neo-go-single\\.json: wrong password$`, 'm')] },
  { name: 'unknown --address', args: issue(['--address', 'NUVsU1ztfWoyJrJVP8zZseqY6FQBUn9wgL']), env: userPw, code: 1, stderr: [new RegExp(`has no account NUVsU1ztfWoyJrJVP8zZseqY6FQBUn9wgL; its accounts: ${ADDRESS}`)] },
  { name: '--address with a bad checksum', args: issue(['--address', `${ADDRESS.slice(0, -1)}X`]), env: userPw, code: 1, stderr: [/^invalid address ".*X": address has a wrong checksum/] },
  {
    name: 'no terminal and no password variable: fails at once',
    args: issue([]),
    code: 1,
    stderr: [/^no password for wallet .*neo-go-single\.json: AUTHMATE_WALLET_PASSPHRASE is not set and stdin is not a terminal/],
    maxMs: 5_000,
  },

  // Network (exit 2)
  {
    name: 'unreachable peer',
    args: issue([]),
    env: userPw,
    code: 2,
    stderr: [/^failed to create NeoFS component: peer 127\.0\.0\.1:1: .*ECONNREFUSED 127\.0\.0\.1:1$/m],
    maxMs: 8_000,
  },

  // obtain-secret: access key id (exit 5)
  { name: 'access key id without "0"', args: obtain('abc'), code: 5, stderr: [/^failed to obtain secret: failed to parse secret address: access key id "abc" has no "0" between the container id and the object id$/m] },
  { name: 'access key id with bad base58', args: obtain(`abcl0${AK_OK_OID}`), code: 5, stderr: [/^failed to obtain secret: failed to parse secret address: access key id: container id abcl: container ID "abcl" is not base58 \(invalid character "l"\)/] },
  { name: 'access key id with a short container id', args: obtain(`abc0${AK_OK_OID}`), code: 5, stderr: [/container id abc: container ID "abc" must be 32 bytes, got 3/] },
  { name: 'access key id with a bad object id', args: obtain(`${CID}0abcl`), code: 5, stderr: [/access key id: object id abcl: .*not base58/] },
  { name: 'access key id with an empty container part', args: obtain(`0${AK_OK_OID}`), code: 5, stderr: [/must be <container id>0<object id>: the container id is empty$/m] },
  { name: 'access key id with two "0"', args: obtain(`${CID}0${AK_OK_OID}0x`), code: 5, stderr: [/must be <container id>0<object id>, got 3 parts separated by "0"$/m] },
  { name: 'obtain-secret without --access-key-id', args: obtain(undefined), code: 100, stderr: [/^error: Missing required argument: access-key-id$/m] },

  // obtain-secret: gate wallet (exit 4), peer (exit 2)
  { name: 'wrong gate wallet password', args: obtain(`${CID}0${AK_OK_OID}`), env: { AUTHMATE_WALLET_GATE_PASSPHRASE: 'nope' }, code: 4, stderr: [/^failed to create owner's private key: couldn't decrypt account .*: wrong password$/m] },
  { name: 'no gate password and no terminal', args: obtain(`${CID}0${AK_OK_OID}`), code: 4, stderr: [/^failed to create owner's private key: no password for wallet .*: AUTHMATE_WALLET_GATE_PASSPHRASE is not set/], maxMs: 5_000 },
  { name: 'obtain-secret: unreachable peer', args: obtain(`${CID}0${AK_OK_OID}`), env: gatePw, code: 2, stderr: [/^failed to create NeoFS component: peer 127\.0\.0\.1:1: .*ECONNREFUSED/], maxMs: 8_000 },
];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/run-issue.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('issue-secret / obtain-secret: bad-input table', () => {
  it(`has at least 20 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name -> exit $code', async (c) => {
    // A fresh credentials file per case, with an old mtime so any rewrite would show.
    rmSync(credsDir, { recursive: true, force: true });
    mkdirSync(credsDir, { recursive: true });
    writeFileSync(CREDS, CREDS_TEXT, { mode: 0o644 });
    utimesSync(CREDS, new Date(1_000_000_000_000), new Date(1_000_000_000_000));
    const before = statSync(CREDS);

    const r = await authmate(c.args, c.env ?? {});

    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: c.code });
    for (const re of c.stderr) expect(r.stderr).toMatch(re);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at |TypeError|undefined/); // a message, not a stack trace
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    if (c.maxMs !== undefined) expect(r.ms).toBeLessThan(c.maxMs);

    expect(readFileSync(CREDS, 'utf8')).toBe(CREDS_TEXT);
    const after = statSync(CREDS);
    expect([after.mtimeMs, after.mode, after.ino]).toEqual([before.mtimeMs, before.mode, before.ino]);
    expect(readdirSync(credsDir)).toEqual(['credentials']); // no temp or probe file left behind
    expect(existsSync(join(tmp, 'no-such-dir'))).toBe(false);
  });
});
