/**
 * An in-memory `AuthmateStore`: containers, eACLs and objects in maps, IDs and signatures
 * computed exactly as on a real network (container ID = SHA-256 of its stable bytes, object ID
 * = SHA-256 of the stable header, signed by the store's user). For unit tests of the operations
 * and for offline tooling; it enforces ownership (only the owner puts objects into, sets the
 * eACL of, or deletes from a container), not the full basic ACL.
 */
import { prepareObjectForPut, type CallOptions, type ContainerWriteOptions, type GotObject, type PutObjectParams } from '../neofs/client.js';
import { containerId, encodeContainer, type Container, type SignedContainer, type SignedEACL } from '../neofs/container.js';
import { NodeState, type Netmap, type NetworkInfo, type NodeInfo } from '../neofs/netmap.js';
import { equalBytes, prepareObject, type ObjectHeader } from '../neofs/object.js';
import {
  addressToString,
  containerIdToString,
  ownerIdFromPublicKey,
  type Address,
  type ContainerId,
  type ObjectId,
  type OwnerId,
} from '../neofs/refs.js';
import { keySigner, type Signer } from '../neofs/signing.js';
import { ContainerSessionVerb, decodeSessionToken, verifySessionToken } from '../tokens/session-v1.js';
import { decodeSessionTokenV2, SessionVerb, sessionTokenV2SubjectIndex, validateSessionTokenV2, verifySessionTokenV2 } from '../tokens/session-v2.js';
import { StatusCode, statusToError } from '../neofs/status.js';
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

  /**
   * Sets the eACL as the owner, or within a session the owner issued (`sessionTokenV2`, or a v1
   * container token in `sessionToken`) for the key signing the table, checked as a node does:
   * issuer signature, issuer = owner, subject or session key, verb, container and lifetime.
   */
  async containerSetEACL(eaclTable: Uint8Array, o: ContainerWriteOptions & { containerId?: ContainerId } = {}): Promise<void> {
    this.network.calls.push('containerSetEACL');
    if (!o.containerId) throw failure(StatusCode.ACCESS_DENIED, 'MemoryStore needs containerId with the eACL');
    const actor = o.containerSigner ?? this.signer;
    const c = o.sessionTokenV2 || o.sessionToken ? this.container(o.containerId) : this.ownContainer(o.containerId);
    if (o.sessionTokenV2) this.checkSessionV2(o.sessionTokenV2, c.container.ownerId, o.containerId, actor.publicKey);
    else if (o.sessionToken) this.checkSessionV1(o.sessionToken, c.container.ownerId, o.containerId, actor.publicKey);
    else if (!equalBytes(ownerIdFromPublicKey(actor.publicKey), c.container.ownerId)) throw failure(StatusCode.ACCESS_DENIED, 'the eACL is not signed by the container owner');
    c.eacl = Uint8Array.from(eaclTable);
  }

  private checkSessionV2(bytes: Uint8Array, owner: OwnerId, id: ContainerId, actor: Uint8Array): void {
    const deny = (why: string): never => {
      throw failure(StatusCode.ACCESS_DENIED, `session token v2: ${why}`);
    };
    let t;
    try {
      t = decodeSessionTokenV2(bytes);
      validateSessionTokenV2(t);
      verifySessionTokenV2(t);
    } catch (e) {
      return deny((e as Error).message);
    }
    if (!equalBytes(t.issuer!, owner)) deny('issuer is not the container owner');
    if (sessionTokenV2SubjectIndex(t, ownerIdFromPublicKey(actor)) < 0) deny('the signer is not a subject');
    const now = BigInt(Math.floor(Date.now() / 1000));
    if (now < BigInt(t.lifetime!.nbf) || now > BigInt(t.lifetime!.exp)) deny('not valid now');
    const ok = t.contexts.some((x) => x.verbs.includes(SessionVerb.CONTAINER_SETEACL) && (x.containerId === undefined || equalBytes(x.containerId, id)));
    if (!ok) deny('no CONTAINER_SETEACL context for the container');
  }

  private checkSessionV1(bytes: Uint8Array, owner: OwnerId, id: ContainerId, actor: Uint8Array): void {
    const deny = (why: string): never => {
      throw failure(StatusCode.ACCESS_DENIED, `session token: ${why}`);
    };
    let t;
    try {
      t = decodeSessionToken(bytes);
      verifySessionToken(t);
    } catch (e) {
      return deny((e as Error).message);
    }
    if (!equalBytes(t.ownerId!, owner)) deny('issuer is not the container owner');
    if (!t.sessionKey || !equalBytes(t.sessionKey, actor)) deny('the signer is not the session key');
    const epoch = this.network.info.currentEpoch;
    if (!t.lifetime || epoch < BigInt(t.lifetime.nbf) || epoch > BigInt(t.lifetime.exp)) deny('not valid in this epoch');
    const ctx = t.context;
    if (ctx?.kind !== 'container' || ctx.verb !== ContainerSessionVerb.SETEACL) deny('not a container SETEACL token');
    if (ctx!.containerId !== undefined && !equalBytes(ctx!.containerId, id)) deny('issued for another container');
  }

  async objectPut(p: PutObjectParams): Promise<ObjectId> {
    this.network.calls.push('objectPut');
    this.ownContainer(p.containerId);
    const obj = prepareObjectForPut(p, p.network ?? this.network.info, p.objectSigner ?? this.signer);
    const header = obj.parsed;
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
