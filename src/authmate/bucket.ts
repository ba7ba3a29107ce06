/**
 * `bucket` of a preset: the container an S3 gateway made for a bucket carries the bucket name in
 * its `Name` attribute. We look among the containers the issuing wallet owns (a ContainerList by
 * owner; NeoFS has no index by name), so only buckets owned by that wallet are found.
 */
import { publicKeyFromPrivate } from '../crypto/keys.js';
import { InvalidOptionError } from '../errors.js';
import type { CallOptions } from '../neofs/client.js';
import { containerIdToString, ownerIdFromPublicKey, type ContainerId } from '../neofs/refs.js';
import type { AuthmateStore } from './store.js';

/** Container reads in flight while scanning the owner's containers. */
const SCAN_PARALLEL = 8;

export interface FindBucketOptions extends CallOptions {
  /** The issuing wallet's private key: its owner ID is whose containers are searched. */
  ownerKey: Uint8Array;
}

/** Name -> containers, built from one scan of the owner's containers. */
export type BucketIndex = ReadonlyMap<string, readonly ContainerId[]>;

/** Reads every container of the owner once and indexes them by their `Name` attribute. */
export async function bucketIndex(store: AuthmateStore, o: FindBucketOptions): Promise<BucketIndex> {
  const call = o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs };
  const ids = await store.containerList(ownerIdFromPublicKey(publicKeyFromPrivate(o.ownerKey)), call);
  const index = new Map<string, ContainerId[]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const { container } = await store.containerGet(id, call);
      const name = container.attributes.find((a) => a.key === 'Name')?.value;
      if (name !== undefined) index.set(name, [...(index.get(name) ?? []), id]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_PARALLEL, ids.length) }, worker));
  return index;
}

/** The one container named `name` in `index`; none or several is an error on field `bucket`. */
export function bucketFromIndex(index: BucketIndex, name: string): ContainerId {
  const found = index.get(name) ?? [];
  if (found.length === 0) {
    throw new InvalidOptionError('BUCKET_NOT_FOUND', 'bucket', `no bucket named ${JSON.stringify(name)} among the containers owned by the issuing wallet (only its own buckets are found)`);
  }
  if (found.length > 1) {
    throw new InvalidOptionError('BUCKET_AMBIGUOUS', 'bucket', `${found.length} containers of the issuing wallet are named ${JSON.stringify(name)}: ${found.map(containerIdToString).join(', ')}`);
  }
  return found[0]!;
}

/** The container of the bucket `name` owned by the issuing wallet. */
export async function findBucket(store: AuthmateStore, name: string, o: FindBucketOptions): Promise<ContainerId> {
  return bucketFromIndex(await bucketIndex(store, o), name);
}
