/**
 * generate-presigned-url, util sign bearer-token and bearer create: the bad-input table through
 * the real CLI entry (`node bin/authmate.js`, built by `npm test`), no network except a dead peer
 * (127.0.0.1:1, refused at once). Every case exits with its code from failures.ts, says what is
 * wrong on stderr, prints nothing on stdout and writes no output file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WALLET = join(ROOT, 'test/fixtures/wallets/neo-go-single.json');
const PASSWORD: string = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/wallets/expected.json'), 'utf8'))['neo-go-single.json'].password;
const BEARER = join(ROOT, 'test/fixtures/bearer-tools');
const OWNER = 'NUVsU1ztfWoyJrJVP8zZseqY6FQBUn9wgL';
const DEAD_PEER = '127.0.0.1:1';

const tmp = mkdtempSync(join(tmpdir(), 'authmate-bearer-presign-errors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const OUT = join(tmp, 'out.token');
writeFileSync(join(tmp, 'broken.json'), '{"body":{"lifetime":{"exp":"x"}}}');
writeFileSync(join(tmp, 'junk.bin'), 'not a token at all');


/** Without this machine's AWS settings either. */
const authmate = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { AWS_SHARED_CREDENTIALS_FILE: join(tmp, 'none'), AWS_CONFIG_FILE: join(tmp, 'none'), ...env }, { dropEnv: (k) => k.startsWith('AWS_'), nodeArgs: ['--no-warnings'] });

const presign = (extra: string[], keys = true, set: { endpoint?: string; object?: string } = {}) => [
  'generate-presigned-url', '--endpoint', set.endpoint ?? 'http://127.0.0.1:9000', '--bucket', 'b', '--object', set.object ?? 'o',
  ...(keys ? ['--aws-access-key-id', 'AK', '--aws-secret-access-key', 'SK'] : []),
  ...extra,
];
const sign = (from: string, extra: string[] = []) => ['util', 'sign', 'bearer-token', '--from', from, '--wallet', WALLET, ...extra];
const create = (extra: string[]) => ['bearer', 'create', '--owner', OWNER, '--out', OUT, ...extra];
const pw = { AUTHMATE_WALLET_PASSPHRASE: PASSWORD };

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
  code: number;
  stderr: RegExp;
}

const cases: Case[] = [
  // generate-presigned-url
  { name: 'presign: bad method', args: presign(['--method', 'delete']), code: 100, stderr: /^--method: unsupported method "delete": expected get or put/ },
  { name: 'presign: zero lifetime', args: presign(['--method', 'get', '--lifetime', '0s']), code: 5, stderr: /^--lifetime: lifetime must be positive/ },
  { name: 'presign: negative lifetime', args: presign(['--method', 'get', '--lifetime', '-1h']), code: 5, stderr: /^--lifetime: lifetime must be positive/ },
  { name: 'presign: lifetime over 7 days', args: presign(['--method', 'put', '--lifetime', '169h']), code: 5, stderr: /exceeds the 7 days \(168h\) S3 allows/ },
  { name: 'presign: malformed lifetime (flag parsing, as FrostFS)', args: presign(['--method', 'get', '--lifetime', '1d']), code: 100, stderr: /^invalid --lifetime: invalid duration "1d"/ },
  { name: 'presign: endpoint not http(s)', args: presign(['--method', 'get'], true, { endpoint: 'ftp://127.0.0.1:9000' }), code: 100, stderr: /^--endpoint: invalid endpoint "ftp:\/\/127\.0\.0\.1:9000": scheme must be http or https/ },
  { name: 'presign: empty object name', args: presign(['--method', 'get'], true, { object: '' }), code: 100, stderr: /^--object: object name is empty/ },
  { name: 'presign: endpoint not a URL', args: presign(['--method', 'get'], true, { endpoint: 'not a url' }), code: 100, stderr: /^--endpoint: invalid endpoint "not a url": expected http\(s\):\/\/host\[:port\]/ },
  { name: 'presign: missing --bucket', args: ['generate-presigned-url', '--endpoint', 'http://h', '--object', 'o', '--method', 'get'], code: 100, stderr: /Missing required argument: bucket/ },
  { name: 'presign: access key without secret', args: presign(['--method', 'get', '--aws-access-key-id', 'AK'], false), code: 1, stderr: /^couldn't get credentials: give both the access key id and the secret access key/ },
  { name: 'presign: no credentials anywhere', args: presign(['--method', 'get'], false), code: 1, stderr: /^couldn't get credentials: no AWS credentials in the environment or the default profile/ },
  { name: 'presign: unknown profile', args: presign(['--method', 'get', '--profile', 'nope'], false), code: 1, stderr: /^couldn't get credentials: no AWS credentials in profile "nope"/ },

  // util sign bearer-token
  { name: 'sign: --from does not exist', args: sign(join(tmp, 'missing')), env: pw, code: 8, stderr: /^invalid bearer token: can't read bearer token file .*missing: no such file/ },
  { name: 'sign: --from is not a token', args: sign(join(tmp, 'junk.bin')), env: pw, code: 8, stderr: /not a bearer token \(neither binary nor JSON\)/ },
  { name: 'sign: --from JSON with a bad field', args: sign(join(tmp, 'broken.json')), env: pw, code: 8, stderr: /invalid bearer token JSON: body\.lifetime\.exp: expected uint64/ },
  { name: 'sign: a session token is not a bearer token', args: sign(join(ROOT, 'test/fixtures/session-tools/blank.json')), env: pw, code: 8, stderr: /unknown field/ },
  { name: 'sign: wrong wallet password', args: sign(join(BEARER, 'plain.bin')), env: { AUTHMATE_WALLET_PASSPHRASE: 'wrong' }, code: 1, stderr: /password|decrypt/i },
  { name: 'sign: no wallet', args: ['util', 'sign', 'bearer-token', '--from', join(BEARER, 'plain.bin')], code: 1, stderr: /no wallet: pass --wallet/ },
  { name: 'sign: --to in a missing directory', args: sign(join(BEARER, 'plain.bin'), ['--to', join(tmp, 'no/such/dir/t')]), env: pw, code: 7, stderr: /^can't write bearer token to file: / },
  { name: 'sign: missing --from', args: ['util', 'sign', 'bearer-token', '--wallet', WALLET], code: 100, stderr: /Missing required argument: from/ },

  // bearer create
  { name: 'create: neither --expire-at nor --lifetime', args: create([]), code: 100, stderr: /\[expire-at lifetime\] is required/ },
  { name: 'create: --expire-at not a number', args: create(['--expire-at', 'soon']), code: 5, stderr: /can't parse epoch for --expire-at: "soon"/ },
  { name: 'create: --lifetime not a number', args: create(['--lifetime=-3', '-r', DEAD_PEER]), code: 5, stderr: /invalid --lifetime "-3": expected a number of epochs/ },
  { name: 'create: expiration before not-valid-before', args: create(['-x', '5', '-n', '6', '-i', '1']), code: 5, stderr: /expiration epoch is less than not-valid-before epoch: 5 < 6/ },
  { name: 'create: relative epoch without --rpc-endpoint', args: create(['-x', '+5']), code: 100, stderr: /need the current epoch: give --rpc-endpoint/ },
  { name: 'create: bad --owner', args: ['bearer', 'create', '--owner', 'nobody', '-x', '5', '--out', OUT], code: 100, stderr: /^can't parse recipient: / },
  { name: 'create: --eacl with an unknown operation', args: create(['-x', '5', '--eacl', '{"records":[{"operation":"FLY"}]}']), code: 7, stderr: /^can't parse extended ACL: records\[0\]\.operation: unknown value "FLY"/ },
  { name: 'create: --eacl file missing', args: create(['-x', '5', '--eacl', join(tmp, 'nope.json')]), code: 7, stderr: /^can't parse extended ACL: / },
  { name: 'create: node unreachable', args: create(['-l', '5', '-r', DEAD_PEER]), code: 2, stderr: /^failed to create NeoFS component: peer 127\.0\.0\.1:1/ },
  { name: 'create: --out in a missing directory', args: ['bearer', 'create', '--owner', 'any', '-x', '5', '--out', join(tmp, 'no/such/dir/t')], code: 7, stderr: /^can't write bearer token to file: / },
];

describe('bad inputs of generate-presigned-url and the bearer tools', () => {
  it.each(cases)('$name → exit $code', async (c) => {
    rmSync(OUT, { force: true });
    const r = await authmate(c.args, c.env);
    expect(r.stderr).toMatch(c.stderr);
    expect(r.code).toBe(c.code);
    expect(r.stdout).toBe('');
    expect(existsSync(OUT)).toBe(false);
  });

  it('the happy paths of the same commands exit 0 (the table is not failing for another reason)', async () => {
    const url = await authmate(presign(['--method', 'get', '--region', 'eu-west-1']));
    expect(url.code, url.stderr).toBe(0);
    expect(JSON.parse(url.stdout).URL).toMatch(/^http:\/\/127\.0\.0\.1:9000\/b\/o\?X-Amz-Algorithm=AWS4-HMAC-SHA256&.*eu-west-1/);
    const made = await authmate(create(['-x', '5', '--eacl', join(BEARER, 'eacl.json')]));
    expect(made.code, made.stderr).toBe(0);
    const signed = await authmate(sign(OUT, ['--to', join(tmp, 'signed.bin')]), pw);
    expect(signed.code, signed.stderr).toBe(0);
  });
});
