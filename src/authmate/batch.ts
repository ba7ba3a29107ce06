/**
 * Batch issuance: many credentials with one user key and one store (one connection). The
 * network facts are read once, every input is prepared and planned on its own (a bad one fails
 * alone), and the writes run with bounded concurrency; results come back in input order.
 */
import { AuthmateError } from '../errors.js';
import type { RandomSource } from '../box/crypto.js';
import { bucketFromIndex, bucketIndex, type BucketIndex } from './bucket.js';
import { issuePrepared, prepareIssue, type IssueInput, type IssueSecretResult, type PreparedIssue, type RunOptions } from './issue.js';
import type { AuthmateStore } from './store.js';

export type BatchItemResult = { index: number; ok: true; result: IssueSecretResult } | { index: number; ok: false; error: unknown };

export interface IssueSecretsOptions extends Omit<RunOptions, 'onProgress'> {
  store: AuthmateStore;
  userPrivateKey: Uint8Array;
  /** Items in flight at once (default 4). */
  concurrency?: number;
  /** Start no new item after the first failure; the items not started fail with `BATCH_SKIPPED`. */
  failFast?: boolean;
  /** Called as each item ends (in completion order), e.g. to stream results in input order. */
  onProgress?: (item: BatchItemResult, done: number, total: number) => void;
  now?: () => number;
  random?: RandomSource;
}

export const DEFAULT_BATCH_CONCURRENCY = 4;

/** An item that was not started because an earlier one failed under `failFast`. */
export class BatchSkippedError extends AuthmateError {
  constructor(index: number, failedIndex: number) {
    super('BATCH_SKIPPED', `not issued: item ${failedIndex + 1} failed first and failFast is set`, { position: String(index + 1) });
  }
}

/**
 * Issues one credential per input. Never throws for an item: each result is `{ok: true, result}`
 * or `{ok: false, error}` at the input's index. Only the NetworkInfo read (shared by all items)
 * failing rejects the whole call. Inputs naming a bucket share one scan of the owner's containers.
 */
export async function issueSecrets(inputs: readonly IssueInput[], o: IssueSecretsOptions): Promise<BatchItemResult[]> {
  return issuePreparedSecrets(
    inputs.map((input) => {
      try {
        return prepareIssue(input);
      } catch (error) {
        return { error };
      }
    }),
    o,
  );
}

/**
 * As `issueSecrets`, for inputs already through `prepareIssue` (a caller that checks every input
 * before opening its wallet); `{error}` items are reported as failed at their index.
 */
export async function issuePreparedSecrets(items: readonly (PreparedIssue | { error: unknown })[], o: IssueSecretsOptions): Promise<BatchItemResult[]> {
  const concurrency = o.concurrency ?? DEFAULT_BATCH_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new AuthmateError('BATCH_CONCURRENCY_INVALID', `concurrency must be a positive integer, got ${concurrency}`, { field: 'concurrency' });
  }
  const total = items.length;
  const results: BatchItemResult[] = new Array(total);
  let done = 0;
  let firstFailure: number | undefined;
  const finish = (r: BatchItemResult): void => {
    results[r.index] = r;
    done++;
    if (!r.ok && firstFailure === undefined) firstFailure = r.index;
    o.onProgress?.(r, done, total);
  };

  // Local checks first: with failFast, a bad input stops the batch before its first write.
  const prepared: (PreparedIssue | undefined)[] = items.map((item, index) => {
    if (!('error' in item)) return item;
    finish({ index, ok: false, error: item.error });
    return undefined;
  });
  if (total === 0 || done === total) return results;
  if (o.failFast && firstFailure !== undefined) return skipRest(results, firstFailure, finish);

  const call = o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs };
  const network = await o.store.networkInfo(call);
  let buckets: Promise<BucketIndex> | undefined;
  const bucketOf = async (name: string) => {
    // One scan for the whole batch, started by the first item that names a bucket.
    buckets ??= bucketIndex(o.store, { ownerKey: o.userPrivateKey, ...call });
    return bucketFromIndex(await buckets, name);
  };

  const runOne = async (index: number, p: PreparedIssue): Promise<void> => {
    try {
      const result = await issuePrepared(p, {
        store: o.store,
        userPrivateKey: o.userPrivateKey,
        network,
        bucketContainerOf: bucketOf,
        ...call,
        ...(o.now ? { now: o.now } : {}),
        ...(o.random ? { random: o.random } : {}),
        ...(o.pollIntervalMs === undefined ? {} : { pollIntervalMs: o.pollIntervalMs }),
      });
      finish({ index, ok: true, result });
    } catch (error) {
      finish({ index, ok: false, error });
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      while (next < total && prepared[next] === undefined) next++;
      if (next >= total) return;
      if (o.failFast && firstFailure !== undefined) return;
      const index = next++;
      await runOne(index, prepared[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));

  return firstFailure === undefined ? results : skipRest(results, firstFailure, finish);
}

/** Fills the items never started (failFast) with `BatchSkippedError`. */
function skipRest(results: BatchItemResult[], failed: number, finish: (r: BatchItemResult) => void): BatchItemResult[] {
  for (let index = 0; index < results.length; index++) {
    if (results[index] === undefined) finish({ index, ok: false, error: new BatchSkippedError(index, failed) });
  }
  return results;
}
