/**
 * NEP-2 scrypt runs started ahead of time (src/cli/early.ts, before the CLI loads yargs and the
 * network code) and taken, once, by nep2's key derivation. scrypt is a pure function of the
 * password, the salt and the parameters, so a result taken from here is exactly what the
 * derivation would have computed; a guess nobody takes only costs CPU on unref'd workers, which
 * never delay an error or the exit.
 *
 * Runs are found by an HMAC of (parameters, salt, password) under a key made fresh for each
 * process: nothing kept here spells out a password, and the map holds a few runs at most. A taken
 * run is removed and wipes its copy of the password and its blocks once the output is computed.
 */
import { scryptParallel, startScrypt, type ScryptJob, type ScryptLogger } from '../crypto/scrypt/parallel.js';

/** Enough for obtain-secret's two wallets plus a stray guess; more are dropped, oldest first. */
export const MAX_PREFETCHED_RUNS = 4;

const started = new Map<string, ScryptJob>();
let idKey: Buffer | undefined;
let logger: ScryptLogger | undefined;

/** A run's cache key: HMAC-SHA256 of (N, r, p, salt, password) under a per-process random key. */
export function scryptRunId(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number): string {
  // node:crypto on first use, not at load: this module is in the CLI's start-up chunk.
  const { createHmac, randomBytes } = process.getBuiltinModule('node:crypto');
  idKey ??= randomBytes(32);
  const head = Buffer.alloc(16);
  head.writeUInt32BE(N, 0);
  head.writeUInt32BE(r, 4);
  head.writeUInt32BE(p, 8);
  head.writeUInt32BE(salt.length, 12);
  return createHmac('sha256', idKey).update(head).update(salt).update(password).digest('base64');
}

/** Where debug messages of the key derivation go (e.g. a fallback to node:crypto); default none. */
export function setScryptLogger(fn: ScryptLogger | undefined): void {
  logger = fn;
}

/** 64-byte scrypt output (what NEP-2 uses), lanes in parallel. Parameters must be checked. */
export function runScrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number): Promise<Buffer> {
  return scryptParallel(password, salt, N, r, p, 64, logger ? { logger } : {});
}

/** Starts a run for later; parameters must already be checked (src/wallet/limits.ts). */
export function prefetchScrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number): void {
  const key = scryptRunId(password, salt, N, r, p);
  if (started.has(key)) return;
  while (started.size >= MAX_PREFETCHED_RUNS) {
    const [oldest, job] = started.entries().next().value as [string, ScryptJob];
    started.delete(oldest);
    job.cancel();
  }
  started.set(key, startScrypt(password, salt, N, r, p, 64, logger ? { logger } : {}));
}

/** The prefetched run for exactly these inputs, removed from the cache; undefined if none. */
export function takeScrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number): Promise<Buffer> | undefined {
  if (started.size === 0) return undefined;
  const key = scryptRunId(password, salt, N, r, p);
  const job = started.get(key);
  if (!job) return undefined;
  started.delete(key);
  return job.result();
}

/** How many started runs nobody has taken yet. */
export function pendingScryptRuns(): number {
  return started.size;
}

/** Drops every run nobody took (they stop after their current lane and wipe what they hold). */
export function cancelPrefetchedScrypt(): void {
  for (const job of started.values()) job.cancel();
  started.clear();
}
