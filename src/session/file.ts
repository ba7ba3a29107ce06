/**
 * Session token v1 files as neofs-cli reads and writes them: the stable binary
 * `SessionToken` (`session create` without `--json`) or its protojson (`session create --json`,
 * `util sign session-token`). Readers try binary first, then JSON, as neofs-cli's
 * `ReadBinaryOrJSON` does.
 */
import { AuthmateError } from '../errors.js';
import { TokenFormatError } from '../tokens/common.js';
import { decodeSessionToken, encodeSessionToken, type SessionToken } from '../tokens/session-v1.js';
import { stat } from 'node:fs/promises';
import { assertReplaceable, FILE_LIMITS, FileInputError, readBoundedFile, writeFileAtomic } from '../util/files.js';
import { decodeSessionTokenJson, encodeSessionTokenJson } from './json.js';

export type SessionTokenFormat = 'binary' | 'json';

export interface DecodedSessionToken {
  token: SessionToken;
  format: SessionTokenFormat;
}

/** A file that cannot be read, or whose bytes are neither form of a session token v1. */
export class SessionTokenFileError extends AuthmateError {
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('SESSION_TOKEN_FILE', message, options);
    this.path = path;
  }
}

/** Bytes that start like a JSON object (after whitespace and a UTF-8 BOM). */
export function looksLikeJson(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) {
      i += 2;
      continue;
    }
    return c === 0x7b; // '{'
  }
  return false;
}

/**
 * Decodes a session token v1 from its binary or protojson bytes. The error says why each form
 * failed, so a broken JSON file gets the JSON reason (with the field path).
 */
export function decodeSessionTokenAny(input: Uint8Array): DecodedSessionToken {
  // A plain view of a Buffer, so the decoded fields are plain Uint8Arrays too.
  const bytes = Buffer.isBuffer(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : input;
  let binaryError: unknown;
  try {
    return { token: decodeSessionToken(bytes), format: 'binary' };
  } catch (err) {
    binaryError = err;
  }
  const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));
  if (!looksLikeJson(bytes)) {
    throw new TokenFormatError(`not a session token (neither binary nor JSON): ${reason(binaryError)}`, { cause: binaryError });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new TokenFormatError('not a session token: JSON-looking file is not valid UTF-8', { cause: err });
  }
  return { token: decodeSessionTokenJson(text), format: 'json' };
}

export function encodeSessionTokenAs(token: SessionToken, format: SessionTokenFormat): Uint8Array {
  return format === 'json' ? new TextEncoder().encode(encodeSessionTokenJson(token)) : encodeSessionToken(token);
}

/**
 * Reads and decodes a token file (a regular file or FIFO of at most `FILE_LIMITS.sessionTokenFile`
 * bytes); every failure is a `SessionTokenFileError` naming the file.
 */
export async function readSessionTokenFile(path: string): Promise<DecodedSessionToken & { bytes: Uint8Array }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readBoundedFile(path, { maxBytes: FILE_LIMITS.sessionTokenFile, what: 'session token file', allowFifo: true }));
  } catch (err) {
    if (!(err instanceof FileInputError)) throw err;
    const why = err.code === 'FILE_MISSING' ? 'no such file' : err.message;
    throw new SessionTokenFileError(path, err.code === 'FILE_MISSING' ? `can't read session token file ${path}: ${why}` : why, { cause: err });
  }
  try {
    return { ...decodeSessionTokenAny(bytes), bytes };
  } catch (err) {
    throw new SessionTokenFileError(path, `${path}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Writes a token file (mode 0644, as neofs-cli). The bytes go to a temporary file in the same
 * directory that is then renamed over `path` (through a symbolic link to its target), so a
 * reader never sees half a token.
 */
export async function writeSessionTokenFile(path: string, token: SessionToken, format: SessionTokenFormat): Promise<Uint8Array> {
  const bytes = encodeSessionTokenAs(token, format);
  try {
    await writeFileAtomic(path, bytes, { mode: 0o644 });
  } catch (err) {
    const why = err instanceof FileInputError && err.cause instanceof Error ? err.cause.message : (err as Error).message;
    throw new SessionTokenFileError(path, `can't write session token to ${path}: ${why}`, { cause: err });
  }
  return bytes;
}

/**
 * Checks that `path` may receive a token file: it does not exist, or it is a writable session
 * token file that is not one of `protect` (compared by device and inode, so links and other
 * spellings of the wallet's path are caught). Anything else would be destroyed by the write.
 */
export async function assertTokenFileReplaceable(path: string, protect: readonly { path: string; what: string }[] = []): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new SessionTokenFileError(path, `can't check ${path}: ${(err as Error).message}`, { cause: err });
  }
  for (const p of protect) {
    const other = await stat(p.path).catch(() => undefined);
    if (other !== undefined && other.dev === st.dev && other.ino === st.ino) {
      throw new SessionTokenFileError(path, `refusing to write the session token over ${path}: it is ${p.what} ${p.path}`);
    }
  }
  try {
    await assertReplaceable(path, 'file');
  } catch (err) {
    throw new SessionTokenFileError(path, `refusing to overwrite ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    decodeSessionTokenAny(await readBoundedFile(path, { maxBytes: FILE_LIMITS.sessionTokenFile, what: 'file' }));
  } catch (err) {
    throw new SessionTokenFileError(path, `refusing to overwrite ${path}: it exists and is not a session token (${(err as Error).message})`, { cause: err });
  }
}
