/**
 * NEP-2 scrypt runs started ahead of time (src/cli/early.ts, before the CLI loads yargs and the
 * network code) and taken, once, by nep2's key derivation. scrypt is a pure function of the
 * password, the salt and the parameters, so a result taken from here is exactly what the
 * derivation would have computed; a guess nobody takes only costs CPU on a libuv thread.
 */
import { scrypt } from 'node:crypto';

const started = new Map<string, Promise<Buffer>>();
const id = (password: Buffer, salt: Uint8Array, N: number, r: number, p: number): string =>
  `${N},${r},${p}:${Buffer.from(salt).toString('hex')}:${password.toString('hex')}`;

/** OpenSSL's memory limit for these parameters: V (128*N*r) plus the p blocks, with slack. */
export const scryptMaxmem = (N: number, r: number, p: number): number => 128 * N * r + 128 * r * p + (1 << 20);

/** 64-byte scrypt output (what NEP-2 uses), on a libuv thread. */
export function runScrypt(password: Buffer, salt: Uint8Array, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 64, { N, r, p, maxmem: scryptMaxmem(N, r, p) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Starts a run for later; parameters must already be sane (the caller checks them). */
export function prefetchScrypt(password: Buffer, salt: Uint8Array, N: number, r: number, p: number): void {
  const key = id(password, salt, N, r, p);
  if (started.has(key)) return;
  const run = runScrypt(password, salt, N, r, p);
  run.catch(() => {}); // the taker sees the error
  started.set(key, run);
}

/** The prefetched run for exactly these inputs, removed from the cache; undefined if none. */
export function takeScrypt(password: Buffer, salt: Uint8Array, N: number, r: number, p: number): Promise<Buffer> | undefined {
  const key = id(password, salt, N, r, p);
  const run = started.get(key);
  if (run) started.delete(key);
  return run;
}

/** How many started runs nobody has taken yet. */
export function pendingScryptRuns(): number {
  return started.size;
}
