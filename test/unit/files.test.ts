import { spawn, spawnSync } from 'node:child_process';
import { lstat, mkdtemp, readFile, readdir, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertReplaceable, FileInputError, readBoundedFile, readBoundedFileSync, writeFileAtomic } from '../../src/util/files.js';

const tmp = () => mkdtemp(join(tmpdir(), 'files-'));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FileInputError);
    return (err as FileInputError).code;
  }
  return 'no error';
}

describe('readBoundedFile', () => {
  it('reads a regular file up to the limit, inclusive', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'f'), 'x'.repeat(100));
    expect((await readBoundedFile(join(dir, 'f'), { maxBytes: 100, what: 'test file' })).toString()).toBe('x'.repeat(100));
  });

  it('refuses a file over the limit, naming the file and the limit', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'big'), Buffer.alloc(2 * 1024 * 1024 + 1));
    const p = readBoundedFile(join(dir, 'big'), { maxBytes: 2 * 1024 * 1024, what: 'wallet' });
    await expect(p).rejects.toThrow(`wallet ${join(dir, 'big')} is larger than the 2 MiB limit`);
  });

  it('refuses /dev/zero at once instead of reading forever', async () => {
    const t = Date.now();
    await expect(readBoundedFile('/dev/zero', { maxBytes: 1024, what: 'wallet', allowFifo: true })).rejects.toThrow(
      'wallet /dev/zero is a character device, not a regular file',
    );
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('refuses directories and names missing files', async () => {
    const dir = await tmp();
    expect(await codeOf(readBoundedFile(dir, { maxBytes: 10, what: 'x' }))).toBe('FILE_NOT_REGULAR');
    expect(await codeOf(readBoundedFile(join(dir, 'nope'), { maxBytes: 10, what: 'x' }))).toBe('FILE_MISSING');
  });

  it.skipIf(spawnSync('mkfifo', ['--version']).status !== 0)('reads a FIFO only when allowed, and stops an endless one at the limit', async () => {
    const dir = await tmp();
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(await codeOf(readBoundedFile(fifo, { maxBytes: 10, what: 'x' }))).toBe('FILE_NOT_REGULAR');
    // An endless writer: `yes` into the FIFO; the read must stop after maxBytes + 1 bytes.
    const writer = spawn('sh', ['-c', `yes > '${fifo}'`], { stdio: 'ignore' });
    try {
      await expect(readBoundedFile(fifo, { maxBytes: 1 << 20, what: 'rules file', allowFifo: true })).rejects.toThrow(/larger than the 1 MiB limit/);
    } finally {
      writer.kill();
    }
    const writer2 = spawn('sh', ['-c', `printf abc > '${fifo}'`], { stdio: 'ignore' });
    expect((await readBoundedFile(fifo, { maxBytes: 10, what: 'x', allowFifo: true })).toString()).toBe('abc');
    writer2.kill();
  });
});

describe('readBoundedFileSync', () => {
  it('same checks as the async reader: limit inclusive, too large, devices, missing', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'f'), 'y'.repeat(70_000));
    expect(readBoundedFileSync(join(dir, 'f'), { maxBytes: 70_000, what: 'rules file' }).length).toBe(70_000);
    expect(() => readBoundedFileSync(join(dir, 'f'), { maxBytes: 69_999, what: 'rules file' })).toThrow(`rules file ${join(dir, 'f')} is larger than the 69999 bytes limit`);
    expect(() => readBoundedFileSync('/dev/zero', { maxBytes: 10, what: 'rules file', allowFifo: true })).toThrow('rules file /dev/zero is a character device, not a regular file');
    expect(() => readBoundedFileSync(join(dir, 'nope'), { maxBytes: 10, what: 'rules file' })).toThrow(FileInputError);
  });
});

describe('writeFileAtomic', () => {
  it('writes a new file with the mode and leaves no temporary file', async () => {
    const dir = await tmp();
    const p = join(dir, 'out');
    await writeFileAtomic(p, 'hello', { mode: 0o600 });
    expect(await readFile(p, 'utf8')).toBe('hello');
    expect((await stat(p)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['out']);
  });

  it('writes through a symbolic link (also a dangling one), keeping the link', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'target'), 'old');
    await symlink('target', join(dir, 'link'));
    await writeFileAtomic(join(dir, 'link'), 'new', { mode: 0o644 });
    expect((await lstat(join(dir, 'link'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'target'), 'utf8')).toBe('new');
    await symlink('later', join(dir, 'dangling'));
    await writeFileAtomic(join(dir, 'dangling'), 'created', { mode: 0o644 });
    expect(await readlink(join(dir, 'dangling'))).toBe('later');
    expect(await readFile(join(dir, 'later'), 'utf8')).toBe('created');
  });

  it('assertReplaceable refuses a read-only file even for root, through a link too', async () => {
    const dir = await tmp();
    await writeFile(join(dir, 'ro'), 'x', { mode: 0o444 });
    await symlink('ro', join(dir, 'link'));
    expect(await codeOf(assertReplaceable(join(dir, 'ro'), 'credentials file'))).toBe('FILE_READ_ONLY');
    expect(await codeOf(assertReplaceable(join(dir, 'link'), 'credentials file'))).toBe('FILE_READ_ONLY');
    await expect(assertReplaceable(join(dir, 'new'), 'credentials file')).resolves.toBeUndefined();
  });
});
