/**
 * scrypt (RFC 7914) with its p ROMix lanes spread over threads. scrypt is
 * PBKDF2-SHA256(P, S, 1, p*128*r) -> ROMix of each of the p blocks, independently -> PBKDF2-SHA256
 * (P, B, 1, dkLen), so the lanes (each 128*r*N bytes of memory and nearly all of the work) can run
 * at once. NEP-2's p = 8 then costs about ceil(8 / cores) lanes of wall time instead of 8.
 *
 * The lane kernel is WebAssembly (assembly/scrypt-romix.ts, SIMD). Lanes are claimed from a
 * shared counter by a small pool of worker threads and, once it asks for the result, by the
 * calling thread too, so a late-booting worker never holds anything up. Workers are unref'd:
 * they never keep the process alive, and a pending run never delays an exit. Whatever goes wrong
 * with the kernel or a worker, the run is redone with node:crypto's scrypt (same output).
 */
import type { Worker } from 'node:worker_threads';
import { KERNEL_WASM_BASE64 } from './kernel-wasm.js';

// Built-ins are fetched on first use: this module is in the CLI's start-up chunk (the early
// prefetch), and `authmate --help` should not pay for loading node:crypto or worker_threads.
const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');
const threads = (): typeof import('node:worker_threads') => process.getBuiltinModule('node:worker_threads');
const pbkdf2Sync: typeof import('node:crypto').pbkdf2Sync = (...a) => crypto().pbkdf2Sync(...a);

/** Receives debug messages (a fallback and why); library code itself never prints. */
export type ScryptLogger = (message: string) => void;

export interface ScryptOptions {
  /** Threads in all, the calling one included; default `os.availableParallelism()`. */
  threads?: number;
  /** Bytes of lane memory (128*r*N each) allowed in flight at once; default `SCRYPT_PARALLEL_MEMORY`. */
  maxMemory?: number;
  logger?: ScryptLogger;
}

/** Default bound of lane memory in flight: 16 NEP-2 lanes. Larger lanes run fewer at a time. */
export const SCRYPT_PARALLEL_MEMORY = 256 * 2 ** 20;

/** What one finished run cost; published on the `authmate:scrypt` diagnostics channel. */
export interface ScryptRunStats {
  N: number;
  r: number;
  p: number;
  /** From start to the output, ms. */
  wallMs: number;
  /** performance.now() at the start, when the result was asked for, and at the output. */
  startMs: number;
  takeMs: number;
  endMs: number;
  /** Sum of the lanes' ROMix times, ms. */
  laneMs: number;
  /** Lanes the awaiting thread ran itself. */
  callerLanes: number;
  /** Workers the run asked for. */
  workers: number;
  /** 'wasm', or 'node' after a fallback. */
  engine: 'wasm' | 'node';
}

let statsChannel: import('node:diagnostics_channel').Channel | undefined;
const stats = (): import('node:diagnostics_channel').Channel =>
  (statsChannel ??= process.getBuiltinModule('node:diagnostics_channel').channel('authmate:scrypt'));

// The few WebAssembly API parts used here (the project's TypeScript lib has no DOM/wasm types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

interface Kernel {
  memory: WasmMemory;
  romix(r: number, N: number): void;
  wipe(r: number, N: number): void;
  laneOffset(): number;
  memoryNeeded(r: number, N: number): number;
}

// ctrl words: next lane to claim, lanes done, lane time in µs (summed).
const NEXT = 0;
const DONE = 1;
const MICROS = 2;

/**
 * Runs unclaimed lanes of `block` until none is left; returns how many it ran. Self-contained
 * (no outer names): the worker source below embeds its text.
 */
function workLanes(k: Kernel, block: Uint8Array, ctrl: Int32Array, r: number, N: number, p: number, onLane?: () => void): number {
  const len = 128 * r;
  let lanes = 0;
  try {
    for (let i = Atomics.add(ctrl, 0, 1); i < p; i = Atomics.add(ctrl, 0, 1)) {
      if (lanes === 0) {
        const need = k.memoryNeeded(r, N);
        const have = k.memory.buffer.byteLength;
        if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
      }
      const t0 = performance.now();
      const at = k.laneOffset();
      new Uint8Array(k.memory.buffer, at, len).set(block.subarray(i * len, (i + 1) * len));
      k.romix(r, N);
      block.set(new Uint8Array(k.memory.buffer, at, len), i * len);
      lanes++;
      Atomics.add(ctrl, 2, Math.round((performance.now() - t0) * 1000));
      Atomics.add(ctrl, 1, 1);
      onLane?.();
    }
  } finally {
    if (lanes > 0) k.wipe(r, N);
  }
  return lanes;
}

// A worker runs lane jobs and answers 'lane' after each lane (so the owner can finish without
// waiting for a slower worker to notice there is nothing left), 'idle' when done, or {error}
// (its claimed lane is then lost: the owner falls back).
const WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const workLanes = ${workLanes.toString()};
const k = new WebAssembly.Instance(workerData.module, {}).exports;
parentPort.on('message', (job) => {
  try {
    workLanes(k, new Uint8Array(job.block), new Int32Array(job.ctrl), job.r, job.N, job.p, () => parentPort.postMessage('lane'));
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
    return;
  }
  parentPort.postMessage('idle');
});`;

let compiled: WasmModule | null | undefined;
function kernelModule(): WasmModule {
  if (compiled === undefined) {
    try {
      if (!wasm) throw new Error('this runtime has no WebAssembly');
      compiled = new wasm.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64'));
    } catch (err) {
      compiled = null; // e.g. a runtime without WebAssembly SIMD: node:crypto it is
      throw err;
    }
  }
  if (compiled === null) throw new Error('the WebAssembly scrypt kernel does not load in this runtime');
  return compiled;
}

const newKernel = (): Kernel => new wasm!.Instance(kernelModule(), {}).exports as Kernel;

interface PoolWorker {
  worker: Worker;
  /** Jobs posted to it and not yet answered 'idle', oldest first (its messages come in order). */
  jobs: ScryptJob[];
}

/** Free for a new job once none of its jobs has a lane left to claim (its 'idle' may be in transit). */
const free = (w: PoolWorker): boolean => w.jobs.every((j) => !j.lanesLeft());

/** Idle workers are kept this long for the next run (library callers often decrypt in a row). */
const IDLE_MS = 2000;
const pool: PoolWorker[] = [];
const queue: ScryptJob[] = [];
let idleTimer: NodeJS.Timeout | undefined;

function spawnWorker(): PoolWorker {
  const w: PoolWorker = { worker: new (threads().Worker)(WORKER_SOURCE, { eval: true, workerData: { module: kernelModule() } }), jobs: [] };
  const lost = (err: Error): void => {
    const i = pool.indexOf(w);
    if (i >= 0) pool.splice(i, 1);
    for (const job of w.jobs.splice(0)) job.fail(err);
    void w.worker.terminate();
  };
  w.worker.on('message', (m: 'lane' | 'idle' | { error: string }) => {
    if (typeof m === 'object') {
      lost(new Error(`scrypt worker failed: ${m.error}`));
      return;
    }
    const job = w.jobs[0];
    if (m === 'idle') {
      w.jobs.shift();
      if (job) job.workersActive--;
      pump();
    }
    job?.progress();
  });
  w.worker.on('error', lost);
  w.worker.on('exit', (code) => lost(new Error(`scrypt worker exited with code ${code}`)));
  // After the listeners: adding a 'message' listener refs the worker's port again.
  w.worker.unref();
  pool.push(w);
  return w;
}

/** Gives idle (or new, up to the job's share) workers to jobs with lanes left, oldest job first. */
function pump(): void {
  for (let i = 0; i < queue.length; ) {
    const job = queue[i]!;
    if (!job.lanesLeft()) {
      queue.splice(i, 1);
      continue;
    }
    while (job.workersActive < job.workersWanted && job.lanesLeft()) {
      const w = pool.find(free) ?? (pool.length < job.threads ? spawnWorker() : undefined);
      if (!w) break;
      w.jobs.push(job);
      job.workersActive++;
      w.worker.postMessage({ block: job.block.buffer, ctrl: job.ctrl.buffer, r: job.r, N: job.N, p: job.p });
    }
    i++;
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  if (pool.length > 0 && pool.every((w) => w.jobs.length === 0)) {
    // Unref'd: an idle pool never holds the process; terminating just frees their memory.
    idleTimer = setTimeout(() => {
      for (const w of pool.splice(0)) {
        w.worker.removeAllListeners('exit');
        void w.worker.terminate();
      }
    }, IDLE_MS).unref();
  }
}

/**
 * One scrypt run in progress. `start` begins the lanes on workers at once; `result()` lets the
 * awaiting thread take lanes too and resolves with the output; `cancel()` drops a run nobody
 * will take (its workers stop after their current lane).
 */
export class ScryptJob {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly threads: number;
  readonly workersWanted: number;
  workersActive = 0;
  readonly block: Uint8Array;
  readonly ctrl: Int32Array;
  private readonly password: Buffer;
  private readonly salt: Buffer;
  private readonly dkLen: number;
  private readonly logger: ScryptLogger | undefined;
  private readonly t0 = performance.now();
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private taken = false;
  private takeMs = 0;

  constructor(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, dkLen: number, opts: ScryptOptions = {}) {
    this.N = N;
    this.r = r;
    this.p = p;
    this.dkLen = dkLen;
    this.logger = opts.logger;
    this.password = Buffer.from(password);
    this.salt = Buffer.from(salt);
    this.threads = Math.max(1, Math.floor(opts.threads ?? process.getBuiltinModule('node:os').availableParallelism()));
    const laneBytes = 128 * r * (N + 2);
    const inFlight = Math.max(1, Math.min(p, Math.floor((opts.maxMemory ?? SCRYPT_PARALLEL_MEMORY) / laneBytes)));
    // The caller's thread is one of the threads: it takes lanes once it asks for the result
    // (at once in a direct call). A prefetch thus starts one worker less than there are threads:
    // each worker costs a Node start-up (~30 ms of CPU), and on a busy or single core the
    // caller's own thread is as good as another worker.
    const executors = Math.min(this.threads, inFlight);
    this.workersWanted = executors - 1;
    this.block = new Uint8Array(new SharedArrayBuffer(p * 128 * r));
    this.ctrl = new Int32Array(new SharedArrayBuffer(12));
    this.block.set(pbkdf2Sync(this.password, this.salt, 1, p * 128 * r, 'sha256'));
    if (this.workersWanted > 0) {
      try {
        kernelModule();
        queue.push(this);
        pump();
      } catch (err) {
        this.fail(err as Error);
      }
    }
  }

  lanesLeft(): boolean {
    return !this.failure && Atomics.load(this.ctrl, NEXT) < this.p;
  }

  /** A worker finished a lane (or its share). */
  progress(): void {
    if (Atomics.load(this.ctrl, DONE) === this.p) this.wake?.();
  }

  fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    Atomics.store(this.ctrl, NEXT, this.p); // the other workers stop after their lane
    this.wake?.();
  }

  /** Drops a run nobody will take. */
  cancel(): void {
    this.fail(new Error('cancelled'));
    this.taken = true;
    this.wipe();
  }

  private wipe(): void {
    this.password.fill(0);
    // Workers may still be writing their last lane; zeroing after that is their own wipe's job.
    this.block.fill(0);
  }

  /** The output (dkLen bytes); may be called once. */
  async result(): Promise<Buffer> {
    if (this.taken) throw new Error('scrypt result already taken');
    this.taken = true;
    this.takeMs = performance.now();
    let callerLanes = 0;
    try {
      if (!this.failure && this.lanesLeft()) {
        try {
          callerLanes = workLanes(newKernel(), this.block, this.ctrl, this.r, this.N, this.p);
        } catch (err) {
          this.fail(err as Error);
        }
      }
      if (!this.failure && Atomics.load(this.ctrl, DONE) < this.p) {
        // Only unref'd workers are left working: keep the process alive while we wait for them.
        const keepAlive = setInterval(() => {}, 1 << 30);
        try {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            this.progress();
          });
        } finally {
          clearInterval(keepAlive);
          this.wake = undefined;
        }
      }
      if (this.failure) return await this.fallback(this.failure);
      const out = pbkdf2Sync(this.password, this.block, 1, this.dkLen, 'sha256');
      this.publish('wasm', callerLanes);
      return out;
    } finally {
      this.wipe();
    }
  }

  private async fallback(err: Error): Promise<Buffer> {
    this.logger?.(`parallel scrypt failed (${err.message}); using node:crypto scrypt`);
    const { N, r, p } = this;
    const out = await new Promise<Buffer>((resolve, reject) => {
      crypto().scrypt(this.password, this.salt, this.dkLen, { N, r, p, maxmem: 128 * N * r + 128 * r * p + (1 << 20) }, (e, key) => (e ? reject(e) : resolve(key)));
    });
    this.publish('node', 0);
    return out;
  }

  private publish(engine: 'wasm' | 'node', callerLanes: number): void {
    if (!stats().hasSubscribers) return;
    const now = performance.now();
    const s: ScryptRunStats = {
      N: this.N,
      r: this.r,
      p: this.p,
      wallMs: now - this.t0,
      startMs: this.t0,
      takeMs: this.takeMs,
      endMs: now,
      laneMs: Atomics.load(this.ctrl, MICROS) / 1000,
      callerLanes,
      workers: this.workersWanted,
      engine,
    };
    stats().publish(s);
  }
}

/** Starts a run whose result is taken later (the lanes begin on workers right away). */
export function startScrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, dkLen: number, opts?: ScryptOptions): ScryptJob {
  return new ScryptJob(password, salt, N, r, p, dkLen, opts);
}

/**
 * scrypt(password, salt, N, r, p) -> dkLen bytes, equal to node:crypto's. Parameters must already
 * be checked (N a power of two > 1, r and p positive, memory within the caller's limits).
 */
export function scryptParallel(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, dkLen: number, opts?: ScryptOptions): Promise<Buffer> {
  return new ScryptJob(password, salt, N, r, p, dkLen, opts).result();
}

/**
 * Stops every pool worker now (they are otherwise kept IDLE_MS after a run). Runs still using
 * them finish on node:crypto's scrypt instead.
 */
export function terminateScryptWorkers(): Promise<void> {
  return Promise.all(pool.slice().map((w) => w.worker.terminate())).then(() => {});
}

/** Workers alive in the pool (for tests and the bench). */
export function scryptWorkerCount(): number {
  return pool.length;
}
