import { randomBytes } from 'node:crypto';
import { AuthmateError } from '../errors.js';
import { open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { assertReplaceable, FILE_LIMITS, FileInputError, readBoundedFile, resolveWriteTarget, writeFileAtomic } from '../util/files.js';

/**
 * AWS CLI credentials file (`~/.aws/credentials`) support.
 *
 * The Go tool appends blindly (duplicate profiles, no atomicity, file mode kept). We merge
 * instead: other profiles and comments stay byte-for-byte, the target profile's two keys are
 * replaced (or the section appended), and the result replaces the file atomically with mode 0600.
 * A symbolic link is written through (the link stays), a read-only file is refused, and the
 * file's line endings are kept: every line ends the way most lines of the file did (CRLF or LF).
 */

export type AwsCredentialsErrorCode = 'INVALID_PROFILE' | 'CREDENTIALS_FILE';

/** A bad profile name, or a credentials file that cannot be read or replaced. */
export class AwsCredentialsError extends AuthmateError {
  declare readonly code: AwsCredentialsErrorCode;

  constructor(code: AwsCredentialsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export interface AwsProfileCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const SECTION = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[;#].*)?$/;
const KEY = /^\s*([^=\s][^=]*?)\s*=/;
const MANAGED_KEYS = new Set(['aws_access_key_id', 'aws_secret_access_key']);
/** Line breaks as the AWS CLI (Python, universal newlines) reads them: CRLF, LF or a lone CR. */
const LINE_BREAK = /\r\n|\n|\r/;

/** The file's line ending: CRLF when most line breaks are CRLF, else LF. */
function lineEnding(text: string): '\r\n' | '\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > 0 && crlf >= lf ? '\r\n' : '\n';
}

/** Returns the profile names of an INI text, in order. */
export function listProfiles(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(LINE_BREAK)) {
    const m = SECTION.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

/** Pure merge: sets the profile's access key id and secret in the INI text, keeping everything else. */
export function mergeProfile(text: string, profile: string, creds: AwsProfileCredentials): string {
  if (!/^[^\[\]\r\n]+$/.test(profile) || profile.trim() !== profile) {
    throw new AwsCredentialsError('INVALID_PROFILE', `invalid AWS profile name ${JSON.stringify(profile)}`);
  }
  const eol = lineEnding(text);
  const lines = text.length ? text.split(LINE_BREAK) : [];
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

/** What the credentials file input is called in messages. */
const WHAT = 'aws cli credentials file';

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return (await readBoundedFile(path, { maxBytes: FILE_LIMITS.credentials, what: WHAT })).toString('utf8');
  } catch (err) {
    if (err instanceof FileInputError && err.code === 'FILE_MISSING') return undefined;
    throw new AwsCredentialsError('CREDENTIALS_FILE', (err as Error).message, { cause: err });
  }
}

async function assertWritable(path: string): Promise<void> {
  try {
    await assertReplaceable(path, WHAT);
  } catch (err) {
    throw new AwsCredentialsError('CREDENTIALS_FILE', (err as Error).message, { cause: err });
  }
}

/**
 * Writes the credentials into `path`, creating it if needed. Returns the profile name used.
 * The write is atomic (temporary file in the same folder, fsync, rename) and leaves mode 0600;
 * through a symbolic link it replaces the link's target. A read-only file is refused.
 */
export async function writeAwsCredentials(
  path: string,
  creds: AwsProfileCredentials & { objectId: string; profile?: string },
): Promise<string> {
  await assertWritable(path);
  const existing = await readIfExists(path);
  const profile = creds.profile ?? defaultProfileName(existing, creds.objectId);
  const text = mergeProfile(existing ?? '', profile, creds);
  try {
    await writeFileAtomic(path, text, { mode: 0o600 });
  } catch (err) {
    throw new AwsCredentialsError('CREDENTIALS_FILE', (err as Error).message, { cause: err });
  }
  return profile;
}

/** Checks, before any network work, that the credentials file can be written later. */
export async function assertCredentialsWritable(path: string): Promise<void> {
  await assertWritable(path);
  // The temporary file goes next to the file a link points to, so probe there.
  const target = await resolveWriteTarget(path);
  const probe = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.probe`);
  const fh = await open(probe, 'wx', 0o600);
  await fh.close();
  await rm(probe, { force: true });
  await readIfExists(path);
}
