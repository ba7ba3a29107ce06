import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * AWS CLI credentials file (`~/.aws/credentials`) support.
 *
 * The Go tool appends blindly (duplicate profiles, no atomicity, file mode kept). We merge
 * instead: other profiles and comments stay byte-for-byte, the target profile's two keys are
 * replaced (or the section appended), and the result replaces the file atomically with mode 0600.
 */

export interface AwsProfileCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const SECTION = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[;#].*)?$/;
const KEY = /^\s*([^=\s][^=]*?)\s*=/;
const MANAGED_KEYS = new Set(['aws_access_key_id', 'aws_secret_access_key']);

/** Returns the profile names of an INI text, in order. */
export function listProfiles(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = SECTION.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

/** Pure merge: sets the profile's access key id and secret in the INI text, keeping everything else. */
export function mergeProfile(text: string, profile: string, creds: AwsProfileCredentials): string {
  if (!/^[^\[\]\r\n]+$/.test(profile) || profile.trim() !== profile) {
    throw new Error(`invalid AWS profile name ${JSON.stringify(profile)}`);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.length ? text.split(/\r?\n/) : [];
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const ours = [`aws_access_key_id = ${creds.accessKeyId}`, `aws_secret_access_key = ${creds.secretAccessKey}`];

  const start = lines.findIndex((l) => SECTION.exec(l)?.[1] === profile);
  if (start < 0) {
    const sep = lines.length && lines[lines.length - 1]!.trim() !== '' ? [''] : [];
    return [...lines, ...sep, `[${profile}]`, ...ours, ''].join(eol);
  }
  let end = start + 1;
  while (end < lines.length && !SECTION.test(lines[end]!)) end++;
  // Keep the profile's other settings (region, output, ...) and drop our two keys wherever they were.
  const kept = lines.slice(start + 1, end).filter((l) => !MANAGED_KEYS.has(KEY.exec(l)?.[1]?.toLowerCase() ?? ''));
  let tail = kept.length;
  while (tail > 0 && kept[tail - 1]!.trim() === '') tail--;
  const body = [...ours, ...kept.slice(0, tail)];
  const after = lines.slice(end);
  return [...lines.slice(0, start + 1), ...body, ...(after.length ? [''] : []), ...after, ''].join(eol);
}

/** The profile name the Go tool would choose: `default` for a new file, else `authmate_cred_<oid>`. */
export function defaultProfileName(existingText: string | undefined, objectId: string): string {
  return existingText === undefined ? 'default' : `authmate_cred_${objectId}`;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Writes the credentials into `path`, creating it if needed. Returns the profile name used.
 * The write is atomic (temporary file in the same folder, fsync, rename) and leaves mode 0600.
 */
export async function writeAwsCredentials(
  path: string,
  creds: AwsProfileCredentials & { objectId: string; profile?: string },
): Promise<string> {
  const existing = await readIfExists(path);
  const profile = creds.profile ?? defaultProfileName(existing, creds.objectId);
  const text = mergeProfile(existing ?? '', profile, creds);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return profile;
}

/** Checks, before any network work, that the credentials file can be written later. */
export async function assertCredentialsWritable(path: string): Promise<void> {
  const probe = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.probe`);
  const fh = await open(probe, 'wx', 0o600);
  await fh.close();
  await rm(probe, { force: true });
  const existing = await readIfExists(path);
  if (existing !== undefined) {
    const fh2 = await open(path, 'r');
    await fh2.close();
  }
}
