/**
 * Reading input files with a size bound, and writing files atomically.
 *
 * Every file the tool reads is bounded: a wallet that is `/dev/zero`, or a rules file that is
 * a few GB by mistake, must end in a clear error and not in an out-of-memory crash. Limits:
 *
 * | input                                   | limit   |
 * |-----------------------------------------|---------|
 * | NEP-6 wallet                            | 16 MiB  |
 * | AWS CLI credentials file                | 16 MiB  |
 * | session token file (binary or JSON)     | 1 MiB   |
 * | rules and policies (eACL, session, ...) | 1 MiB   |
 *
 * A neo-go wallet with one account is about 600 bytes, so 16 MiB is ~25,000 accounts; a signed
 * session token is a few hundred bytes; NeoFS rejects objects/tables far below 1 MiB anyway.
 */
import { AuthmateError } from '../errors.js';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { lstat, open, readlink, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';

const MiB = 1024 * 1024;

/** Size limits of the file inputs (bytes); see the table above and README "Limits". */
export const FILE_LIMITS = {
  // wallets: WALLET_FILE_MAX_BYTES in src/wallet/limits.ts (the early scrypt prefetch reads at most 1 MiB)
  credentials: 16 * MiB,
  sessionTokenFile: 1 * MiB,
  rules: 1 * MiB,
  /** `inspect --file`: an AccessBox (a few KiB even for many gates) or any token file. */
  inspectFile: 16 * MiB,
  /** `issue-secret --batch`: one JSON object per line (10,000 lines of two gate keys are ~2 MiB). */
  batch: 16 * MiB,
} as const;

export type FileInputErrorCode =
  | 'FILE_MISSING' // no such file
  | 'FILE_NOT_REGULAR' // a directory, device, socket, ... (or a FIFO where none is allowed)
  | 'FILE_TOO_LARGE' // more than the input's limit
  | 'FILE_UNREADABLE' // permissions, I/O errors
  | 'FILE_READ_ONLY' // a file we must replace has no write permission
  | 'FILE_WRITE_FAILED'; // the atomic write failed

/** A file input that cannot be used; callers wrap it into their own domain error (exit code). */
export class FileInputError extends AuthmateError {
  declare readonly code: FileInputErrorCode;
  readonly path: string;

  constructor(code: FileInputErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.path = path;
  }
}

export interface ReadBoundedOptions {
  /** At most this many bytes are accepted. */
  maxBytes: number;
  /** What the file is, for messages: "wallet", "session token file", ... */
  what: string;
  /** Accept a FIFO (`<(cmd)`, a named pipe); it is read up to the limit like a file. Default false. */
  allowFifo?: boolean;
}

const fmtSize = (n: number): string => (n % MiB === 0 ? `${n / MiB} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`);

function kindOf(st: { isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isFIFO(): boolean }): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isFIFO()) return 'a FIFO';
  return 'not a regular file';
}

function errnoError(path: string, what: string, err: unknown): FileInputError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileInputError('FILE_MISSING', path, `${what} ${path} does not exist`, { cause: err });
  if (code === 'EISDIR') return new FileInputError('FILE_NOT_REGULAR', path, `${what} ${path} is a directory, not a file`, { cause: err });
  return new FileInputError('FILE_UNREADABLE', path, `can't read ${what} ${path}: ${(err as Error).message}`, { cause: err });
}

/**
 * Reads a whole file, refusing anything that is not a regular file (or an allowed FIFO) and
 * anything longer than `maxBytes`. At most `maxBytes + 1` bytes are ever read, so an endless
 * stream costs one bounded read, not memory.
 */
export async function readBoundedFile(path: string, opts: ReadBoundedOptions): Promise<Buffer> {
  const { maxBytes, what } = opts;
  const tooLarge = () => new FileInputError('FILE_TOO_LARGE', path, `${what} ${path} is larger than the ${fmtSize(maxBytes)} limit`);
  const checkType = (st: Awaited<ReturnType<typeof stat>>) => {
    if (st.isFile() || (opts.allowFifo && st.isFIFO())) return;
    throw new FileInputError('FILE_NOT_REGULAR', path, `${what} ${path} is ${kindOf(st)}, not a regular file`);
  };
  // stat before open: opening a device or a FIFO can itself block or have side effects.
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw errnoError(path, what, err);
  }
  checkType(st);
  if (st.isFile() && st.size > maxBytes) throw tooLarge();
  let fh: FileHandle;
  try {
    fh = await open(path, constants.O_RDONLY);
  } catch (err) {
    throw errnoError(path, what, err);
  }
  try {
    // The path may have been swapped between stat and open: check what was actually opened.
    const fst = await fh.stat();
    checkType(fst);
    if (fst.isFile() && fst.size > maxBytes) throw tooLarge();
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, fst.isFile() ? fst.size + 1 : 64 * 1024));
    let chunks: Buffer[] = [];
    let total = 0;
    let cur = buf;
    let off = 0;
    for (;;) {
      if (off === cur.length) {
        chunks.push(cur);
        cur = Buffer.allocUnsafe(Math.min(Math.max(cur.length * 2, 64 * 1024), maxBytes + 1 - total));
        off = 0;
      }
      const { bytesRead } = await fh.read(cur, off, cur.length - off, null);
      if (bytesRead === 0) break;
      off += bytesRead;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge();
    }
    chunks.push(cur.subarray(0, off));
    const out = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    chunks = [];
    return out;
  } catch (err) {
    if (err instanceof FileInputError) throw err;
    throw errnoError(path, what, err);
  } finally {
    await fh.close();
  }
}

/**
 * `readBoundedFile` for synchronous callers (flag parsing that runs before any await): the same
 * checks and messages, the same bound on what is read.
 */
export function readBoundedFileSync(path: string, opts: ReadBoundedOptions): Buffer {
  const { maxBytes, what } = opts;
  const tooLarge = () => new FileInputError('FILE_TOO_LARGE', path, `${what} ${path} is larger than the ${fmtSize(maxBytes)} limit`);
  const checkType = (st: Stats) => {
    if (st.isFile() || (opts.allowFifo && st.isFIFO())) return;
    throw new FileInputError('FILE_NOT_REGULAR', path, `${what} ${path} is ${kindOf(st)}, not a regular file`);
  };
  let fd: number;
  try {
    checkType(statSync(path));
    fd = openSync(path, constants.O_RDONLY);
  } catch (err) {
    if (err instanceof FileInputError) throw err;
    throw errnoError(path, what, err);
  }
  try {
    const st = fstatSync(fd);
    checkType(st);
    if (st.isFile() && st.size > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge();
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof FileInputError) throw err;
    throw errnoError(path, what, err);
  } finally {
    closeSync(fd);
  }
}

/**
 * Follows `path` through symbolic links (also dangling ones, whose target is then created) to
 * the file a write must replace, so that replacing it keeps the links.
 */
export async function resolveWriteTarget(path: string): Promise<string> {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = await lstat(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return target;
      throw err;
    }
    if (!st.isSymbolicLink()) return target;
    target = resolve(dirname(target), await readlink(target));
  }
  throw new FileInputError('FILE_WRITE_FAILED', path, `${path}: too many levels of symbolic links`);
}

/**
 * Refuses to replace a file that exists and has no write permission. Checked on the mode bits,
 * not with access(2): root may write anything, yet a 0444 file is a user's "do not touch".
 */
export async function assertReplaceable(path: string, what: string): Promise<void> {
  const target = await resolveWriteTarget(path);
  let st;
  try {
    st = await stat(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw errnoError(path, what, err);
  }
  if (!st.isFile()) throw new FileInputError('FILE_NOT_REGULAR', path, `${what} ${path} is ${kindOf(st)}, not a regular file`);
  if ((st.mode & 0o222) === 0) {
    throw new FileInputError('FILE_READ_ONLY', path, `${what} ${path} is read-only (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); refusing to replace it`);
  }
}

export interface WriteAtomicOptions {
  /** Mode of the written file (applied after the umask too). */
  mode: number;
}

/**
 * Replaces the file at `path` atomically: a temporary file next to the target gets the bytes,
 * is fsynced and renamed over the target. A symbolic link is written through (its target is
 * replaced, the link stays). Returns the path actually written.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, opts: WriteAtomicOptions): Promise<string> {
  const target = await resolveWriteTarget(path);
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fail = (err: unknown) =>
    new FileInputError('FILE_WRITE_FAILED', path, `can't write ${path}: ${(err as Error).message}`, { cause: err });
  let fh: FileHandle;
  try {
    fh = await open(tmp, 'wx', opts.mode);
  } catch (err) {
    throw fail(err);
  }
  try {
    await fh.writeFile(data);
    await fh.chmod(opts.mode);
    await fh.sync();
    await fh.close();
    await rename(tmp, target);
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw fail(err);
  }
  // Make the rename itself durable; not every platform lets a directory be fsynced.
  try {
    const dir = await open(dirname(target), constants.O_RDONLY);
    await dir.sync().catch(() => {});
    await dir.close();
  } catch {
    /* best effort */
  }
  return target;
}
