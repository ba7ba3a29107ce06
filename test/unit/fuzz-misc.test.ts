/** Property-based fuzzing of NEP-6 wallets, the AWS credentials merge and Go durations; see fuzz-helpers.ts. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AwsCredentialsError, listProfiles, mergeProfile } from '../../src/aws/credentials.js';
import { formatDuration, parseDuration } from '../../src/util/duration.js';
import { parseNep6, Wallet } from '../../src/wallet/nep6.js';
import { mutatedJson, mutatedText, params, reportCounts, TIMEOUT, typedOrValue } from './fuzz-helpers.js';

const wallets = ['neo-go-single.json', 'neo-go-mixed.json', 'neo-go-custom-scrypt.json', 'neo-go-empty-password.json'].map((f) =>
  JSON.parse(readFileSync(new URL(`../fixtures/wallets/${f}`, import.meta.url), 'utf8')),
);

reportCounts('fuzz-misc');

describe('fuzz: NEP-6 wallets', () => {
  it('mutated wallet JSON parses to a wallet whose accounts can be chosen, or gives a typed error', () => {
    const addresses = wallets.flatMap((w) => w.accounts.map((a: { address: string }) => a.address));
    fc.assert(
      fc.property(mutatedJson(wallets), fc.option(fc.constantFrom(...addresses, 'NX', '0x' + '00'.repeat(20), ''), { nil: undefined }), (json, address) => {
        const file = typedOrValue('parseNep6', () => parseNep6(json));
        if (file === undefined) return;
        const w = typedOrValue('new Wallet', () => new Wallet(file, 'w.json'));
        if (w !== undefined) typedOrValue('Wallet.account', () => w.account(address));
      }),
      params(400),
    );
  }, TIMEOUT);
});

describe('fuzz: AWS credentials merge', () => {
  const ini = [
    '[default]\naws_access_key_id = A\naws_secret_access_key = B\nregion = eu\n',
    '# c\r\n[work]\r\nx=1\r\n\r\n[authmate_cred_1]\r\naws_access_key_id=Q\r\n',
    '[a]\n[b]\nAWS_ACCESS_KEY_ID = z\n;comment\n[ spaced ]\nk = v',
    '',
  ];
  const creds = { accessKeyId: 'CID0OID', secretAccessKey: 'ab'.repeat(32) };

  it('any text and profile: merged text has the profile once, with our keys, other profiles kept; or AwsCredentialsError', () => {
    const text = mutatedText(ini, '[]=;#\r\n \tabcdefaws_key_idsecretprofile\u00e9');
    const profile = fc.oneof(fc.constantFrom('default', 'work', 'a', 'new', 'authmate_cred_1', ' x', 'a]b', ''), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(text, profile, (t, p) => {
        const out = typedOrValue('mergeProfile', () => mergeProfile(t, p, creds));
        if (out === undefined) return;
        const before = listProfiles(t);
        const after = listProfiles(out);
        expect(after.filter((x) => x === p).length).toBe(Math.max(1, before.filter((x) => x === p).length));
        expect(after).toEqual(before.includes(p) ? before : [...before, p]);
        // Our two keys follow the profile's header.
        const lines = out.split(/\r\n|\n|\r/);
        const at = lines.findIndex((l) => /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[;#].*)?$/.exec(l)?.[1] === p);
        expect(lines.slice(at + 1, at + 3)).toEqual([`aws_access_key_id = ${creds.accessKeyId}`, `aws_secret_access_key = ${creds.secretAccessKey}`]);
        // One line-ending style when the input had at most one.
        const styles = (s: string) => new Set(s.match(/\r\n|\n|\r/g) ?? []);
        if (styles(t).size <= 1 && !t.includes('\r\r') && !/\r(?!\n)/.test(t)) expect(styles(out).size).toBe(1);
      }),
      params(500),
    );
    expect(() => mergeProfile('', 'a]b', creds)).toThrow(AwsCredentialsError);
  }, TIMEOUT);
});

describe('fuzz: Go durations', () => {
  it('any text parses to a finite number within Go range or gives a typed error', () => {
    const text = mutatedText(['720h', '1h30m', '1.5s', '300ms', '-2m', '0', '2562047h47m16s', '1h1m1s1ms1us1ns', '.5h'], '0123456789.+-hmsuµnμ d');
    fc.assert(
      fc.property(text, (t) => {
        const ms = typedOrValue('parseDuration', () => parseDuration(t));
        if (ms !== undefined) expect(Number.isFinite(ms) && Math.abs(ms) <= 9_223_372_036_854.775807).toBe(true);
      }),
      params(500),
    );
  }, TIMEOUT);

  it('round trip: formatDuration then parseDuration gives back whole milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9_223_372_036_854, max: 9_223_372_036_854 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBeCloseTo(ms, 3);
      }),
      params(500),
    );
  }, TIMEOUT);
});
