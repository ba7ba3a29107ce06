import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listProfiles, mergeProfile, writeAwsCredentials } from '../../src/aws/credentials.js';

const creds = { accessKeyId: 'CID0OID', secretAccessKey: 'ab'.repeat(32) };

describe('mergeProfile', () => {
  it('appends a new profile and keeps others byte for byte', () => {
    const before = '# mine\n[work]\naws_access_key_id = W\naws_secret_access_key = S\nregion = eu-west-1\n';
    const after = mergeProfile(before, 'authmate_cred_X', creds);
    expect(after.startsWith(before)).toBe(true);
    expect(after).toContain('\n[authmate_cred_X]\naws_access_key_id = CID0OID\naws_secret_access_key = ' + creds.secretAccessKey + '\n');
    expect(listProfiles(after)).toEqual(['work', 'authmate_cred_X']);
  });

  it('replaces the keys of an existing profile, keeping its other settings and later profiles', () => {
    const before = '[default]\nregion = us-east-1\naws_access_key_id = OLD\naws_secret_access_key = OLDS\n\n[other]\nx = 1\n';
    const after = mergeProfile(before, 'default', creds);
    expect(after).toBe(
      `[default]\naws_access_key_id = CID0OID\naws_secret_access_key = ${creds.secretAccessKey}\nregion = us-east-1\n\n[other]\nx = 1\n`,
    );
    expect(after).not.toContain('OLD');
  });

  it('writes a fresh file', () => {
    expect(mergeProfile('', 'default', creds)).toBe(
      `[default]\naws_access_key_id = CID0OID\naws_secret_access_key = ${creds.secretAccessKey}\n`,
    );
  });

  it('rejects profile names that would break the INI structure', () => {
    expect(() => mergeProfile('', 'a]b', creds)).toThrow(/invalid AWS profile name/);
    expect(() => mergeProfile('', '', creds)).toThrow(/invalid AWS profile name/);
  });
});

describe('writeAwsCredentials', () => {
  it('uses "default" for a new file, authmate_cred_<oid> afterwards, mode 0600, no temp files left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-'));
    const path = join(dir, 'credentials');
    expect(await writeAwsCredentials(path, { ...creds, objectId: 'OID1' })).toBe('default');
    expect(await writeAwsCredentials(path, { ...creds, objectId: 'OID2' })).toBe('authmate_cred_OID2');
    expect(await writeAwsCredentials(path, { ...creds, objectId: 'OID2' })).toBe('authmate_cred_OID2');
    const text = await readFile(path, 'utf8');
    expect(listProfiles(text)).toEqual(['default', 'authmate_cred_OID2']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['credentials']);
  });

  it('tightens the mode of an existing world-readable file and honours --profile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-'));
    const path = join(dir, 'credentials');
    await writeFile(path, '[keep]\na = b\n', { mode: 0o644 });
    expect(await writeAwsCredentials(path, { ...creds, objectId: 'O', profile: 'neofs' })).toBe('neofs');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(listProfiles(await readFile(path, 'utf8'))).toEqual(['keep', 'neofs']);
  });
});
