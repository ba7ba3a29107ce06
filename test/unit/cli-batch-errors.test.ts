/**
 * issue-secret --batch bad inputs through the real CLI (`node bin/authmate.js`, built by `npm
 * test`), no NeoFS peer needed: with --fail-fast every line is checked before the wallet and the
 * network, so malformed lines are reported per line (JSON lines on stdout, in input order) and
 * nothing is issued; a bad batch file itself fails the run with nothing on stdout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WALLET = join(ROOT, 'test/fixtures/wallets/neo-go-single.json');
const GATE = '03463f48d04c4464399a2db25902a1c0c7971d9b270aac96189238470e2bc97d97';
const CID = '7qVGMYo1Rr8R6Zxqtjqnr3NqfkbrWL3xpb34kEEfyjyx';
const PASSWORD: string = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/wallets/expected.json'), 'utf8'))['neo-go-single.json'].password;
const tmp = mkdtempSync(join(tmpdir(), 'authmate-batch-errors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(file: string, extra: string[] = [], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTHMATE_')));
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin/authmate.js'), 'issue-secret', '--wallet', WALLET, '--peer', '127.0.0.1:1', '--pool-dial-timeout', '1s', '--container-id', CID, '--gate-public-key', GATE, '--batch', file, ...extra],
    { env: { ...clean, CI: 'true', ...env }, encoding: 'utf8', timeout: 20_000 },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.trim() === '' ? [] : r.stdout.trim().split('\n').map((l) => JSON.parse(l)) };
}

function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe('issue-secret --batch: bad lines (with --fail-fast: checked before the wallet, nothing issued)', () => {
  const rows: [string, string, RegExp, number][] = [
    ['not JSON', '{"preset": "read-only",', /^--batch line \d+: not JSON/, 100],
    ['not an object', '["read-only"]', /^--batch line \d+: expected an object of issue-secret flags/, 100],
    ['unknown key', '{"presets": "read-only"}', /^--batch line \d+: unknown key "presets" \(a line may set: gate-public-key, /, 100],
    ['a flag a line may not set', '{"wallet": "/tmp/w.json"}', /unknown key "wallet"/, 100],
    ['wrong type (number for a string)', '{"lifetime": 24}', /^--batch line \d+: "lifetime" must be a string, got 24$/, 100],
    ['wrong type (gate keys)', '{"gate-public-key": [1]}', /"gate-public-key" must be a string or an array of strings/, 100],
    ['unknown box format', '{"box-format": "g9"}', /"box-format" must be one of g1, g2, g3, g4/, 100],
    ['unknown preset', '{"preset": "read-mostly"}', /^--preset: unknown preset "read-mostly"/, 100],
    ['malformed lifetime', '{"lifetime": "1y"}', /^invalid --lifetime: invalid duration "1y"/, 100],
    ['bad gate key (the Go code, 4)', '{"gate-public-key": "0346"}', /^failed to load gate's public key: gate public key #1/, 4],
  ];
  for (const [name, line, message, exit] of rows) {
    it(`${name} -> the line's error, exit ${exit}; the good line is skipped`, () => {
      const r = run(file(`${name.replace(/\W+/g, '-')}.jsonl`, `{"gate-public-key": "${GATE}", "preset": "read-only"}\n\n${line}\n`), ['--fail-fast']);
      expect(r.code, r.stderr).toBe(exit);
      expect(r.lines).toHaveLength(2);
      expect(r.lines[0]).toMatchObject({ line: 1, code: 'BATCH_SKIPPED', error: expect.stringMatching(/line 3 failed first/) });
      expect(r.lines[1]).toMatchObject({ line: 3, exit_code: exit });
      expect(r.lines[1].error).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at |TypeError/);
    });
  }

  it('without --fail-fast the bad lines are reported and the rest go on (here: to the dead peer, exit 2)', () => {
    const r = run(file('mixed.jsonl', `{"preset": "nope"}\n{"gate-public-key": "${GATE}"}\n`), [], { AUTHMATE_WALLET_PASSPHRASE: PASSWORD });
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([{ line: 1, error: expect.stringMatching(/unknown preset "nope"/), code: 'PRESET_UNKNOWN', exit_code: 100 }]);
    expect(r.stderr).toMatch(/failed to create NeoFS component: peer 127\.0\.0\.1:1/);
  });

  it('the file itself: missing, empty, over 16 MiB, over 10,000 lines -> exit 100, nothing on stdout', () => {
    const cases: [string, RegExp][] = [
      [join(tmp, 'missing.jsonl'), /^--batch: batch file .*missing\.jsonl does not exist$/m],
      [file('empty.jsonl', '\n\n'), /no credentials/],
      [file('big.jsonl', `${'{}'.padEnd(16 * 2 ** 20, ' ')}\n`), /^--batch: batch file .*big\.jsonl is larger than the 16 MiB limit$/m],
      [file('many.jsonl', '{}\n'.repeat(10_001)), /10001 lines is more than the limit of 10000/],
      [tmp, /^--batch: batch file .* is a directory, not a regular file$/m],
    ];
    for (const [path, message] of cases) {
      const r = run(path);
      expect(r.code, path).toBe(100);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });
});
