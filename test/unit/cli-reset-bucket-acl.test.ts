/**
 * reset-bucket-acl bad inputs through the real CLI entry (`node bin/authmate.js`, built by
 * `npm test`), no NeoFS peer or FS chain needed: Go v0.45's exit code per stage, a message on
 * stderr, nothing on stdout. The wallet cases decrypt a real neo-go fixture; the peer is
 * 127.0.0.1:1 (refused at once).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'test/fixtures/wallets');
const WALLET = join(FIXTURES, 'neo-go-single.json');
const PASSWORD: string = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'))['neo-go-single.json'].password;
const KEY_ID = '7qVGMYo1Rr8R6Zxqtjqnr3NqfkbrWL3xpb34kEEfyjyx0BeDtxLJ4Yk6SHKfQUvJLq7DFBDN3bPzjTDNwy3k9M3Jy';

/** Without Go v0.45's own password variable either (this command reads it). */
const authmate = (args: string[], env: Record<string, string> = {}) => runCli(args, env, { dropEnv: (k) => k === 'WALLET_GATE_PASSPHRASE' });

const base = (over: Record<string, string | undefined> = {}): string[] => {
  const flags: Record<string, string | undefined> = {
    'access-key-id': KEY_ID,
    'gate-wallet': WALLET,
    peer: '127.0.0.1:1',
    'rpc-endpoint': 'http://127.0.0.1:1',
    'container-name': 'bucket',
    ...over,
  };
  return ['reset-bucket-acl', ...Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]))];
};

describe('reset-bucket-acl: bad inputs exit as Go v0.45', () => {
  const cases: { name: string; args: string[]; env?: Record<string, string>; code: number; says: RegExp }[] = [
    { name: 'missing --container-name', args: base({ 'container-name': undefined }), code: 100, says: /container-name/ },
    { name: 'missing --rpc-endpoint', args: base({ 'rpc-endpoint': undefined }), code: 100, says: /rpc-endpoint/ },
    { name: 'malformed access key id', args: base({ 'access-key-id': 'abc' }), code: 5, says: /failed to obtain secret: failed to parse secret address/ },
    { name: 'malformed --rpc-timeout', args: base({ 'rpc-timeout': '1d' }), code: 100, says: /--rpc-timeout/ },
    { name: 'wrong gate wallet password', args: base(), env: { AUTHMATE_WALLET_GATE_PASSPHRASE: 'wrong' }, code: 4, says: /failed to get gate's private key/ },
    { name: 'no password and no terminal', args: base(), code: 4, says: /failed to get gate's private key/ },
    { name: 'gate wallet that does not exist', args: base({ 'gate-wallet': join(FIXTURES, 'absent.json') }), env: { AUTHMATE_WALLET_GATE_PASSPHRASE: PASSWORD }, code: 4, says: /failed to get gate's private key/ },
    { name: 'unreachable peer (Go: 1 here)', args: base(), env: { AUTHMATE_WALLET_GATE_PASSPHRASE: PASSWORD }, code: 1, says: /failed to create NeoFS component/ },
    { name: "unreachable peer, password in Go's variable", args: base(), env: { WALLET_GATE_PASSPHRASE: PASSWORD }, code: 1, says: /failed to create NeoFS component/ },
  ];
  for (const c of cases) {
    it(`${c.name}: exit ${c.code}`, async () => {
      const r = await authmate(c.args, c.env);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: c.code, stdout: '' });
      expect(r.stderr).toMatch(c.says);
    });
  }
});
