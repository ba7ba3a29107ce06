/**
 * An in-memory `AuthmateStore`: containers, eACLs and objects in maps, IDs and signatures
 * computed exactly as on a real network (container ID = SHA-256 of its stable bytes, object ID
 * = SHA-256 of the stable header, signed by the store's user). For unit tests of the operations
 * and for offline tooling; it enforces ownership (only the owner puts objects into, sets the
 * eACL of, or deletes from a container), not the full basic ACL.
 */
import type { CallOptions, ContainerWriteOptions, GotObject, PutObjectParams } from '../neofs/client.js';
import { containerId, encodeContainer, type Container, type SignedContainer, type SignedEACL } from '../neofs/container.js';
import { NodeState, type Netmap, type NetworkInfo, type NodeInfo } from '../neofs/netmap.js';
import { prepareObject, sha256Checksum, equalBytes, type ObjectHeader } from '../neofs/object.js';
import {
  API_VERSION,
  ChecksumType,
  addressToString,
  containerIdToString,
  ownerIdFromPublicKey,
  type Address,
  type ContainerId,
  type ObjectId,
  type OwnerId,
} from '../neofs/refs.js';
import { keySigner, type Signer } from '../neofs/signing.js';
import { StatusCode, statusToError } from '../neofs/status.js';
import { tzHash } from '../neofs/tz.js';
import type { AuthmateStore } from './store.js';

const failure = (code: number, message: string): Error => statusToError({ code, message, details: [] }, undefined)!;

/** A network with sane defaults (epoch 10, 240 s epochs, 64 MiB objects, homomorphic hashing off). */
export function memoryNetworkInfo(overrides: Partial<NetworkInfo> = {}): NetworkInfo {
  return {
    currentEpoch: 10n,
    magicNumber: 15405n,
    msPerBlock: 1000n,
    maxObjectSize: 64n << 20n,
    epochDuration: 240n,
    homomorphicHashingDisabled: true,
    maintenanceModeAllowed: false,
    containerFee: 0n,
    containerAliasFee: 0n,
    withdrawFee: 0n,
    basicIncomeRate: 0n,
    parameters: new Map(),
    ...overrides,
  };
}

/** `count` online nodes without attributes; their keys only need to be distinct. */
export function memoryNodes(count: number, attributes: (i: number) => Record<string, string> = () => ({})): NodeInfo[] {
  return Array.from({ length: count }, (_, i) => ({
    publicKey: Uint8Array.from({ length: 33 }, (_, j) => (j === 0 ? 2 : j === 32 ? i & 0xff : j === 31 ? i >> 8 : 0)),
    addresses: [`/ip4/127.0.0.1/tcp/${8080 + i}`],
    attributes: Object.entries(attributes(i)).map(([key, value]) => ({ key, value, parents: [] })),
    state: NodeState.ONLINE,
  }));
}

interface StoredObject {
  header: ObjectHeader;
  headerBytes: Uint8Array;
  payload: Uint8Array;
  signature: GotObject['signature'];
}

/** The shared state: several `MemoryStore`s (users) can see the same network. */
export class MemoryNetwork {
  readonly containers = new Map<string, { container: Container; bytes: Uint8Array; eacl?: Uint8Array }>();
  readonly objects = new Map<string, StoredObject>();
  info: NetworkInfo;
  /** Every call, in order (`containerPut`, `objectPut`, ...), for tests that check what was written. */
  readonly calls: string[] = [];

  /** The storage nodes of the network map (`netmapSnapshot`); 4 by default, so the default policy (2 nodes) fits. */
  nodes: NodeInfo[];

  constructor(info: Partial<NetworkInfo> = {}, o: { nodes?: number | NodeInfo[] } = {}) {
    this.info = memoryNetworkInfo(info);
    this.nodes = Array.isArray(o.nodes) ? o.nodes : memoryNodes(o.nodes ?? 4);
  }

  /** A store acting as the user with this private key (or signer). */
  as(user: Uint8Array | Signer): MemoryStore {
    return new MemoryStore(this, user instanceof Uint8Array ? keySigner(user) : user);
  }
}

export class MemoryStore implements AuthmateStore {
  constructor(
    readonly network: MemoryNetwork,
    readonly signer: Signer,
  ) {}

  async networkInfo(_o?: CallOptions): Promise<NetworkInfo> {
    this.network.calls.push('networkInfo');
    return this.network.info;
  }

  async netmapSnapshot(_o?: CallOptions): Promise<Netmap> {
    this.network.calls.push('netmapSnapshot');
    return { epoch: this.network.info.currentEpoch, nodes: this.network.nodes };
  }

  async containerPut(container: Container, _o?: ContainerWriteOptions): Promise<ContainerId> {
    this.network.calls.push('containerPut');
    if (!equalBytes(container.ownerId, this.owner())) throw failure(StatusCode.ACCESS_DENIED, 'container owner is not the signer');
    const id = containerId(container);
    this.network.containers.set(containerIdToString(id), { container, bytes: encodeContainer(container) });
    return id;
  }

  async containerGet(id: ContainerId, _o?: CallOptions): Promise<SignedContainer> {
    this.network.calls.push('containerGet');
    const c = this.container(id);
    return { container: c.container, bytes: c.bytes };
  }

  async containerList(owner: OwnerId = this.owner(), _o?: CallOptions): Promise<ContainerId[]> {
    this.network.calls.push('containerList');
    return [...this.network.containers.values()].filter((c) => equalBytes(c.container.ownerId, owner)).map((c) => containerId(c.container));
  }

  async containerEACL(id: ContainerId, _o?: CallOptions): Promise<SignedEACL> {
    this.network.calls.push('containerEACL');
    const c = this.container(id);
    if (!c.eacl) throw failure(StatusCode.EACL_NOT_FOUND, 'extended ACL is not set for this container');
    return { eacl: c.eacl };
  }

  async containerSetEACL(eaclTable: Uint8Array, o: ContainerWriteOptions & { containerId?: ContainerId } = {}): Promise<void> {
    this.network.calls.push('containerSetEACL');
    if (!o.containerId) throw failure(StatusCode.ACCESS_DENIED, 'MemoryStore needs containerId with the eACL');
    const c = this.ownContainer(o.containerId);
    c.eacl = Uint8Array.from(eaclTable);
  }

  async objectPut(p: PutObjectParams): Promise<ObjectId> {
    this.network.calls.push('objectPut');
    this.ownContainer(p.containerId);
    const net = p.network ?? this.network.info;
    if (net.maxObjectSize > 0n && BigInt(p.payload.length) > net.maxObjectSize) {
      throw failure(StatusCode.ACCESS_DENIED, `payload of ${p.payload.length} bytes exceeds MaxObjectSize`);
    }
    const signer = p.objectSigner ?? this.signer;
    const withTz = p.homomorphicHash === undefined || p.homomorphicHash === 'auto' ? !net.homomorphicHashingDisabled : p.homomorphicHash;
    const header: ObjectHeader = {
      version: API_VERSION,
      containerId: p.containerId,
      ownerId: ownerIdFromPublicKey(signer.publicKey),
      creationEpoch: net.currentEpoch,
      payloadLength: BigInt(p.payload.length),
      payloadHash: sha256Checksum(p.payload),
      ...(withTz ? { homomorphicHash: { type: ChecksumType.TZ, sum: tzHash(p.payload) } } : {}),
      attributes: p.attributes ?? [],
    };
    const obj = prepareObject(header, signer);
    const address = { containerId: p.containerId, objectId: obj.id };
    this.network.objects.set(addressToString(address), { header, headerBytes: obj.header, payload: Uint8Array.from(p.payload), signature: obj.signature });
    return obj.id;
  }

  async objectGet(address: Address, _o?: CallOptions): Promise<GotObject> {
    this.network.calls.push('objectGet');
    this.container(address.containerId);
    const o = this.network.objects.get(addressToString(address));
    if (!o) throw failure(StatusCode.OBJECT_NOT_FOUND, 'object not found');
    return { id: address.objectId, header: o.header, headerBytes: o.headerBytes, payload: Uint8Array.from(o.payload), ...(o.signature ? { signature: o.signature } : {}) };
  }

  async objectDelete(address: Address, _o?: CallOptions): Promise<Address> {
    this.network.calls.push('objectDelete');
    this.ownContainer(address.containerId);
    const key = addressToString(address);
    if (!this.network.objects.delete(key)) throw failure(StatusCode.OBJECT_NOT_FOUND, 'object not found');
    // A tombstone's ID only needs to be distinct here.
    return { containerId: address.containerId, objectId: prepareObject({ containerId: address.containerId, ownerId: this.owner(), attributes: [{ key: 'tombstone', value: key }] }, this.signer).id };
  }

  private owner(): OwnerId {
    return ownerIdFromPublicKey(this.signer.publicKey);
  }

  private container(id: ContainerId): { container: Container; bytes: Uint8Array; eacl?: Uint8Array } {
    const c = this.network.containers.get(containerIdToString(id));
    if (!c) throw failure(StatusCode.CONTAINER_NOT_FOUND, 'container not found');
    return c;
  }

  private ownContainer(id: ContainerId): { container: Container; bytes: Uint8Array; eacl?: Uint8Array } {
    const c = this.container(id);
    if (!equalBytes(c.container.ownerId, this.owner())) throw failure(StatusCode.ACCESS_DENIED, 'access to the container is denied for this user');
    return c;
  }
}
