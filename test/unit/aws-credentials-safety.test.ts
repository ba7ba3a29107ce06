import { lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertCredentialsWritable, AwsCredentialsError, listProfiles, mergeProfile, writeAwsCredentials } from '../../src/aws/credentials.js';

const creds = { accessKeyId: 'CID0OID', secretAccessKey: 'ab'.repeat(32) };
const tmp = mkdtempSync(join(tmpdir(), 'aws-safety-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The kinds of line break in a text, e.g. ['\r\n'] for a clean CRLF file. */
const breaks = (text: string) => [...new Set(text.match(/\r\n|\n|\r/g) ?? [])];

describe('line endings', () => {
  it('a CRLF file stays CRLF, also when a profile is replaced', () => {
    const before = '[work]\r\naws_access_key_id = W\r\naws_secret_access_key = S\r\n';
    const added = mergeProfile(before, 'neofs', creds);
    expect(added.startsWith(before)).toBe(true);
    expect(breaks(added)).toEqual(['\r\n']);
    expect(breaks(mergeProfile(before, 'work', creds))).toEqual(['\r\n']);
  });

  it('a stray CR does not give mixed endings (it is a line break for the AWS CLI too)', () => {
    const crlfWithStray = '[work]\r\nregion = x\r\nout = y\r';
    const out = mergeProfile(crlfWithStray, 'neofs', creds);
    expect(breaks(out)).toEqual(['\r\n']);
    expect(out).not.toContain('\r\r');
    expect(listProfiles(out)).toEqual(['work', 'neofs']);
    // An LF file with one CRLF line stays LF (most lines decide), and is not converted wholesale.
    const lfMostly = '[a]\nx = 1\r\ny = 2\n[b]\nz = 3\n';
    expect(breaks(mergeProfile(lfMostly, 'neofs', creds))).toEqual(['\n']);
  });

  it('a bad profile name is a typed error', () => {
    expect(() => mergeProfile('', 'a]b', creds)).toThrow(AwsCredentialsError);
  });
});

describe('writing the file', () => {
  it('writes through a symbolic link to its target, keeping the link', async () => {
    const target = join(tmp, 'real-credentials');
    writeFileSync(target, '[keep]\na = b\n');
    const link = join(tmp, 'link-credentials');
    symlinkSync('real-credentials', link);
    await assertCredentialsWritable(link);
    expect(await writeAwsCredentials(link, { ...creds, objectId: 'O', profile: 'neofs' })).toBe('neofs');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real-credentials');
    expect(listProfiles(readFileSync(target, 'utf8'))).toEqual(['keep', 'neofs']);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp') || f.endsWith('.probe'))).toEqual([]);
  });

  it('refuses a read-only file (also as root), before and at the write, leaving it unchanged', async () => {
    const path = join(tmp, 'ro-credentials');
    writeFileSync(path, '[keep]\na = b\n', { mode: 0o444 });
    await expect(assertCredentialsWritable(path)).rejects.toThrow(`aws cli credentials file ${path} is read-only (mode 0444); refusing to replace it`);
    await expect(writeAwsCredentials(path, { ...creds, objectId: 'O' })).rejects.toThrow(AwsCredentialsError);
    expect(readFileSync(path, 'utf8')).toBe('[keep]\na = b\n');
    expect(lstatSync(path).mode & 0o777).toBe(0o444);
  });

  it('refuses a device or an oversized file instead of reading it', async () => {
    await expect(writeAwsCredentials('/dev/zero', { ...creds, objectId: 'O' })).rejects.toThrow(/not a regular file/);
    const big = join(tmp, 'big-credentials');
    writeFileSync(big, Buffer.alloc(16 * 1024 * 1024 + 1, 0x0a));
    await expect(assertCredentialsWritable(big)).rejects.toThrow(`aws cli credentials file ${big} is larger than the 16 MiB limit`);
  });
});
