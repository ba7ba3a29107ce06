/**
 * The store port: what the AuthMate operations need from NeoFS, and nothing more (as
 * neofs-s3-gw's `authmate.NeoFS` interface). `NeoFSClient` implements it against a real node;
 * `MemoryStore` implements it in memory for tests and offline use.
 */
import type { CallOptions, ContainerWriteOptions, GotObject, PutObjectParams } from '../neofs/client.js';
import type { Container, SignedContainer, SignedEACL } from '../neofs/container.js';
import type { Netmap, NetworkInfo } from '../neofs/netmap.js';
import type { Address, ContainerId, ObjectId, OwnerId } from '../neofs/refs.js';

export interface AuthmateStore {
  networkInfo(o?: CallOptions): Promise<NetworkInfo>;
  /**
   * The current network map, for the placement check before a container is created. Optional so
   * that a store without it still works: the check is then skipped (the node decides at the put).
   */
  netmapSnapshot?(o?: CallOptions): Promise<Netmap>;
  /** Creates a container signed by the store's user and (unless `wait: false`) waits until it is readable. */
  containerPut(container: Container, o?: ContainerWriteOptions): Promise<ContainerId>;
  containerGet(id: ContainerId, o?: CallOptions): Promise<SignedContainer>;
  /** IDs of the containers owned by `owner` (default: the store's user); finds a bucket by name. */
  containerList(owner?: OwnerId, o?: CallOptions): Promise<ContainerId[]>;
  containerEACL(id: ContainerId, o?: CallOptions): Promise<SignedEACL>;
  containerSetEACL(eaclTable: Uint8Array, o?: ContainerWriteOptions & { containerId?: ContainerId }): Promise<void>;
  /** Stores an object owned and signed by the store's user. */
  objectPut(p: PutObjectParams): Promise<ObjectId>;
  objectGet(address: Address, o?: CallOptions): Promise<GotObject>;
  /** Deletes an object; returns the tombstone's address. */
  objectDelete(address: Address, o?: CallOptions): Promise<Address>;
}
