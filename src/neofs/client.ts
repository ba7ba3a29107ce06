/**
 * `NeoFSClient`: the NeoFS API operations authmate needs, over one gRPC connection, every request
 * signed by the client's signer and every signed response verified.
 *
 * Requests declare API 2.21: nodes v0.52+ sign responses only below 2.22, and we want to verify
 * them. GET/HEAD responses are unsigned for API ≥ 2.18 (as in the Go SDK); their integrity is
 * checked instead (header hashes to the object ID, object signature, payload SHA-256 and length).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { Signature } from '../crypto/signature.js';
import {
  type Container,
  type SignedContainer,
  type SignedEACL,
  decodeGetContainerResponseBody,
  decodeGetEACLResponseBody,
  decodeListContainersResponseBody,
  decodePutContainerResponseBody,
  encodeContainer,
  encodeContainerIdBody,
  encodeDeleteContainerBody,
  encodeListContainersBody,
  encodePutContainerBody,
  encodeSetEACLBody,
} from './container.js';
import { type Netmap, type NetworkInfo, type NodeInfo, decodeLocalNodeInfoBody, decodeNetmapSnapshotBody, decodeNetworkInfo } from './netmap.js';
import {
  type ObjectAttribute,
  type ObjectHeader,
  checkObjectHeader,
  decodeDeleteObjectResponseBody,
  decodeGetObjectResponseBody,
  decodeHeadObjectResponseBody,
  decodeObjectHeader,
  decodePutObjectResponseBody,
  encodeDeleteObjectBody,
  encodeGetObjectBody,
  encodeHeadObjectBody,
  encodePutChunkBody,
  encodePutInitBody,
  equalBytes,
  prepareObject,
  sha256Checksum,
} from './object.js';
import { ProtoDecodeError, ProtoMessage, type Uint64 } from './proto/wire.js';
import { F_EACL_TABLE, F_NETWORK_INFO_RESPONSE_BODY } from './proto/fields.js';
import {
  API_VERSION,
  type Address,
  ChecksumType,
  type ContainerId,
  NeoFSFormatError,
  type ObjectId,
  type OwnerId,
  addressToString,
  containerIdFromContainer,
  containerIdToString,
  decodeContainerIdMessage,
  objectIdToString,
  ownerIdFromPublicKey,
} from './refs.js';
import { type RequestMeta, type RequestMetaExtras, type Signer, buildSignedRequest, decodeResponse, keySigner } from './signing.js';
import {
  ContainerAwaitTimeoutError,
  ContainerNotFoundError,
  EACLNotFoundError,
  NeoFSTimeoutError,
  ResponseVerificationError,
  statusToError,
} from './status.js';
import {
  type Decimal,
  decodeBalanceResponseBody,
  decodeCreateSessionResponseBody,
  encodeBalanceBody,
  encodeCreateSessionBody,
} from './session.js';
import { Transport, methodName } from './transport.js';
import { tzHash } from './tz.js';

const NETMAP = '/neo.fs.v2.netmap.NetmapService/';
const CONTAINER = '/neo.fs.v2.container.ContainerService/';
const OBJECT = '/neo.fs.v2.object.ObjectService/';
const SESSION = '/neo.fs.v2.session.SessionService/';
const ACCOUNTING = '/neo.fs.v2.accounting.AccountingService/';

/** The Go SDK's PUT chunk size: well below the node's 4 MiB message limit. */
const PUT_CHUNK_SIZE = 3 << 20;

export interface NeoFSClientOptions {
  /** `host:port`, `grpc://host:port` or `grpcs://host:port`. */
  endpoint: string;
  /** Signs every request; also the default owner/signer of containers and objects. */
  signer: Signer | Uint8Array;
  /** Deadline of each call, ms (default 15 000). */
  timeoutMs?: number;
}

/** Per-call options: a deadline and extra meta header fields (tokens, X-headers, TTL). */
export interface CallOptions extends RequestMetaExtras {
  timeoutMs?: number;
  /** 1 = this node only, 2 = may be forwarded (default). */
  ttl?: number;
}

export interface WaitProgress {
  /** `sent`: the node accepted the request; `waiting`: polled, not there yet; `done`. */
  phase: 'sent' | 'waiting' | 'done';
  attempt: number;
  elapsedMs: number;
}

export interface WaitOptions {
  /** Give up after this long, ms (default 60 000). */
  timeoutMs?: number;
  /** Between polls, ms (default 500). */
  pollIntervalMs?: number;
  onProgress?: (p: WaitProgress) => void;
}

export interface ContainerWriteOptions extends CallOptions {
  /** Signs the container/eACL (RFC 6979): the owner, or the session key of `sessionToken`. */
  containerSigner?: Signer;
  /** Wait until the change is visible through Get (default true). */
  wait?: boolean | WaitOptions;
}

export interface PutObjectParams extends CallOptions {
  containerId: ContainerId;
  payload: Uint8Array;
  attributes?: ObjectAttribute[];
  /**
   * Tillich-Zemor payload hash: `auto` (default) adds it unless the network reports homomorphic
   * hashing disabled, as the Go SDK rc.17 does.
   */
  homomorphicHash?: 'auto' | boolean;
  /** Signs the object (default: the client's signer); the owner is derived from its key. */
  objectSigner?: Signer;
  copiesNumber?: number;
  /** Network state to use (epoch, limits, hashing flag); fetched with NetworkInfo when absent. */
  network?: NetworkInfo;
}

export interface ObjectHead {
  id: ObjectId;
  header: ObjectHeader;
  /** Header bytes as received (SHA-256 of them is `id`). */
  headerBytes: Uint8Array;
  signature?: Signature;
}

export interface GotObject extends ObjectHead {
  payload: Uint8Array;
}

export interface CreatedSession {
  /** 16-byte session (token) ID. */
  id: Uint8Array;
  /** 33-byte public key of the key the node generated and keeps for this session. */
  sessionKey: Uint8Array;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class NeoFSClient {
  readonly signer: Signer;
  readonly ownerId: OwnerId;
  private readonly transport: Transport;
  private readonly timeoutMs: number;
  private magic: bigint | undefined;

  constructor(opts: NeoFSClientOptions, shared?: { transport: Transport; magic: bigint | undefined }) {
    this.signer = opts.signer instanceof Uint8Array ? keySigner(opts.signer) : opts.signer;
    this.ownerId = ownerIdFromPublicKey(this.signer.publicKey);
    this.transport = shared?.transport ?? new Transport(opts.endpoint);
    this.magic = shared?.magic;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  /**
   * The same connection (and learnt network magic), signing with another key: lets a caller
   * dial and read the network info with a throw-away key while a wallet is still decrypting.
   * Closing either client closes the connection of both.
   */
  withSigner(signer: Signer | Uint8Array): NeoFSClient {
    return new NeoFSClient({ endpoint: this.endpoint, signer, timeoutMs: this.timeoutMs }, { transport: this.transport, magic: this.magic });
  }

  get endpoint(): string {
    return this.transport.endpoint.target;
  }

  close(): void {
    this.transport.close();
  }

  private meta(o: CallOptions = {}): RequestMeta {
    return {
      version: API_VERSION,
      ttl: o.ttl ?? 2,
      ...(this.magic !== undefined ? { magicNumber: this.magic } : {}),
      ...(o.xHeaders ? { xHeaders: o.xHeaders } : {}),
      ...(o.sessionToken ? { sessionToken: o.sessionToken } : {}),
      ...(o.bearerToken ? { bearerToken: o.bearerToken } : {}),
      ...(o.sessionTokenV2 ? { sessionTokenV2: o.sessionTokenV2 } : {}),
    };
  }

  /** Checks signatures (when required or present) and the status; returns the raw body. */
  private handle(method: string, raw: Uint8Array, signed: boolean): Uint8Array | undefined {
    let r;
    try {
      r = decodeResponse(raw, signed);
    } catch (e) {
      if (e instanceof ResponseVerificationError) {
        throw new ResponseVerificationError(`${method} response from ${this.endpoint} rejected: ${e.message}`, { cause: e });
      }
      throw e;
    }
    if (r.meta.status) {
      const err = statusToError(r.meta.status, `${method} on ${this.endpoint}`);
      if (err) throw err;
    }
    return r.body;
  }

  /** Runs a response decoder; malformed bytes become a `ResponseVerificationError` naming the call. */
  private parse<T>(method: string, decode: () => T): T {
    try {
      return decode();
    } catch (e) {
      if (e instanceof ProtoDecodeError || e instanceof NeoFSFormatError) {
        throw new ResponseVerificationError(`${method} response from ${this.endpoint} is malformed: ${e.message}`, { cause: e });
      }
      throw e;
    }
  }

  /** Signs and sends one request, checks the response, decodes its body with `decode`. */
  private async unary<T>(
    path: string,
    body: Uint8Array | undefined,
    o: CallOptions | undefined,
    decode: (body: Uint8Array | undefined) => T,
    signed = true,
  ): Promise<T> {
    const req = buildSignedRequest(this.signer, body, this.meta(o));
    const raw = await this.transport.unary(path, req, o?.timeoutMs ?? this.timeoutMs);
    const method = methodName(path);
    const resBody = this.parse(method, () => this.handle(method, raw, signed));
    return this.parse(method, () => decode(resBody));
  }

  // -------------------------------------------------------------------------------------------
  // NetmapService

  /** Current epoch, network magic and parameters. Remembers the magic for later meta headers. */
  async networkInfo(o?: CallOptions): Promise<NetworkInfo> {
    const info = await this.unary(`${NETMAP}NetworkInfo`, undefined, o, (body) => {
      const ni = body && new ProtoMessage(body).bytes(F_NETWORK_INFO_RESPONSE_BODY.networkInfo);
      if (ni === undefined) throw new NeoFSFormatError('no network info');
      return decodeNetworkInfo(ni);
    });
    this.magic = info.magicNumber;
    return info;
  }

  async localNodeInfo(o?: CallOptions): Promise<NodeInfo> {
    return this.unary(`${NETMAP}LocalNodeInfo`, new Uint8Array(), o, (b) => decodeLocalNodeInfoBody(b ?? new Uint8Array()).nodeInfo);
  }

  /** The network map of the current epoch as this node sees it (every storage node in it). */
  async netmapSnapshot(o?: CallOptions): Promise<Netmap> {
    return this.unary(`${NETMAP}NetmapSnapshot`, new Uint8Array(), o, decodeNetmapSnapshotBody);
  }

  // -------------------------------------------------------------------------------------------
  // ContainerService

  /**
   * Creates a container and (by default) waits until the node returns it from Get. The
   * container is signed by `containerSigner` (default: the client's signer, who should own it).
   */
  async containerPut(container: Container, o: ContainerWriteOptions = {}): Promise<ContainerId> {
    const bytes = encodeContainer(container);
    const id = containerIdFromContainer(bytes);
    await this.sendThenWait(
      async () => {
        const got = await this.unary(`${CONTAINER}Put`, encodePutContainerBody(bytes, o.containerSigner ?? this.signer), o, decodePutContainerResponseBody);
        if (got !== undefined && !equalBytes(got, id)) {
          throw new ResponseVerificationError(
            `container Put: node computed ID ${containerIdToString(got)}, expected ${containerIdToString(id)} (container encoding mismatch)`,
          );
        }
      },
      o,
      { what: `container ${containerIdToString(id)} to appear`, applied: () => this.containerExists(id, o.timeoutMs) },
    );
    return id;
  }

  /** Reads a container; checks that its bytes hash to `id`. */
  async containerGet(id: ContainerId, o?: CallOptions): Promise<SignedContainer> {
    const res = await this.unary(`${CONTAINER}Get`, encodeContainerIdBody(id), o, decodeGetContainerResponseBody);
    if (!equalBytes(containerIdFromContainer(res.bytes), id)) {
      throw new ResponseVerificationError(`container Get: returned container does not hash to ${containerIdToString(id)}`);
    }
    return res;
  }

  /** IDs of the containers owned by `owner` (default: the client's user). */
  async containerList(owner: OwnerId = this.ownerId, o?: CallOptions): Promise<ContainerId[]> {
    return this.unary(`${CONTAINER}List`, encodeListContainersBody(owner), o, decodeListContainersResponseBody);
  }

  /** Deletes a container (signature over the raw ID) and by default waits until it is gone. */
  async containerDelete(id: ContainerId, o: ContainerWriteOptions = {}): Promise<void> {
    await this.sendThenWait(
      () => this.unary(`${CONTAINER}Delete`, encodeDeleteContainerBody(id, o.containerSigner ?? this.signer), o, () => undefined),
      o,
      { what: `container ${containerIdToString(id)} to be removed`, applied: async () => !(await this.containerExists(id, o.timeoutMs)) },
    );
  }

  /** Reads a container's extended ACL (stable `acl.EACLTable` bytes). */
  async containerEACL(id: ContainerId, o?: CallOptions): Promise<SignedEACL> {
    return this.unary(`${CONTAINER}GetExtendedACL`, encodeContainerIdBody(id), o, decodeGetEACLResponseBody);
  }

  /**
   * Sets a container's extended ACL from stable `acl.EACLTable` bytes (which must name the
   * container). Waits (by default) until Get returns the same table.
   */
  async containerSetEACL(eaclTable: Uint8Array, o: ContainerWriteOptions & { containerId?: ContainerId } = {}): Promise<void> {
    const cid = o.containerId ?? eaclContainerId(eaclTable);
    await this.sendThenWait(
      () => this.unary(`${CONTAINER}SetExtendedACL`, encodeSetEACLBody(eaclTable, o.containerSigner ?? this.signer), o, () => undefined),
      o,
      cid === undefined
        ? undefined
        : {
            what: `eACL of container ${containerIdToString(cid)} to be set`,
            applied: async () => {
              try {
                return equalBytes((await this.containerEACL(cid, { timeoutMs: o.timeoutMs })).eacl, eaclTable);
              } catch (e) {
                if (e instanceof EACLNotFoundError) return false; // not yet
                throw e;
              }
            },
          },
    );
  }

  /** Whether Get finds the container (NOT_FOUND is `false`, other errors propagate). */
  private async containerExists(id: ContainerId, timeoutMs: number | undefined): Promise<boolean> {
    try {
      await this.containerGet(id, { timeoutMs });
      return true;
    } catch (e) {
      if (e instanceof ContainerNotFoundError) return false;
      throw e;
    }
  }

  /**
   * A container write (Put, Delete, SetExtendedACL) is an FS-chain transaction: send it, then
   * (unless `o.wait` is false, or there is nothing to poll) poll `wait.applied` until the change
   * is visible. CONTAINER_AWAIT_TIMEOUT means "sent, not executed in time": it may still land,
   * so it goes on to polling instead of failing.
   */
  private async sendThenWait(
    send: () => Promise<unknown>,
    o: ContainerWriteOptions,
    wait: { what: string; applied: () => Promise<boolean> } | undefined,
  ): Promise<void> {
    const started = Date.now();
    try {
      await send();
    } catch (e) {
      if (!(e instanceof ContainerAwaitTimeoutError) || o.wait === false) throw e;
    }
    if (o.wait === false || wait === undefined) return;
    await this.waitFor(wait.what, wait.applied, typeof o.wait === 'object' ? o.wait : {}, started);
  }

  private async waitFor(what: string, done: () => Promise<boolean>, w: WaitOptions, started: number): Promise<void> {
    const timeoutMs = w.timeoutMs ?? 60_000;
    const interval = w.pollIntervalMs ?? 500;
    w.onProgress?.({ phase: 'sent', attempt: 0, elapsedMs: Date.now() - started });
    for (let attempt = 1; ; attempt++) {
      if (await done()) {
        w.onProgress?.({ phase: 'done', attempt, elapsedMs: Date.now() - started });
        return;
      }
      const elapsed = Date.now() - started;
      w.onProgress?.({ phase: 'waiting', attempt, elapsedMs: elapsed });
      if (elapsed + interval > timeoutMs) {
        throw new NeoFSTimeoutError(`timed out after ${elapsed} ms waiting for ${what} (${attempt} checks)`);
      }
      await sleep(interval);
    }
  }

  // -------------------------------------------------------------------------------------------
  // ObjectService

  /**
   * Stores one object prepared by the client (header, SHA-256 and optional Tillich-Zemor
   * checksums, ID, signature), streamed in 3 MiB chunks. Payloads above the network's
   * MaxObjectSize are refused (no splitting).
   */
  async objectPut(p: PutObjectParams): Promise<ObjectId> {
    const net = p.network ?? (await this.networkInfo({ timeoutMs: p.timeoutMs }));
    if (net.maxObjectSize > 0n && BigInt(p.payload.length) > net.maxObjectSize) {
      throw new NeoFSFormatError(`object payload of ${p.payload.length} bytes exceeds the network's MaxObjectSize ${net.maxObjectSize}`);
    }
    const objectSigner = p.objectSigner ?? this.signer;
    const withTz = p.homomorphicHash === undefined || p.homomorphicHash === 'auto' ? !net.homomorphicHashingDisabled : p.homomorphicHash;
    const header: ObjectHeader = {
      version: API_VERSION,
      containerId: p.containerId,
      ownerId: ownerIdFromPublicKey(objectSigner.publicKey),
      creationEpoch: net.currentEpoch,
      payloadLength: BigInt(p.payload.length),
      payloadHash: sha256Checksum(p.payload),
      ...(withTz ? { homomorphicHash: { type: ChecksumType.TZ, sum: tzHash(p.payload) } } : {}),
      attributes: p.attributes ?? [],
    };
    const obj = prepareObject(header, objectSigner);
    const meta = this.meta(p);
    const signer = this.signer;
    const payload = p.payload;
    function* messages(): Generator<Uint8Array> {
      yield buildSignedRequest(signer, encodePutInitBody({ id: obj.id, signature: obj.signature, header: obj.header, copiesNumber: p.copiesNumber }), meta);
      for (let off = 0; off < payload.length; off += PUT_CHUNK_SIZE) {
        yield buildSignedRequest(signer, encodePutChunkBody(payload.subarray(off, off + PUT_CHUNK_SIZE)), meta);
      }
    }
    const raw = await this.transport.clientStream(`${OBJECT}Put`, messages(), p.timeoutMs ?? this.timeoutMs);
    const got = this.parse('ObjectService.Put', () => decodePutObjectResponseBody(this.handle('ObjectService.Put', raw, true)));
    if (!equalBytes(got, obj.id)) {
      throw new ResponseVerificationError(`object Put: node returned ID ${objectIdToString(got)}, expected ${objectIdToString(obj.id)}`);
    }
    return obj.id;
  }

  /** Reads an object header; checks that it hashes to the object ID and its signature. */
  async objectHead(address: Address, o: CallOptions & { raw?: boolean } = {}): Promise<ObjectHead> {
    const res = await this.unary(`${OBJECT}Head`, encodeHeadObjectBody(address, o.raw), o, decodeHeadObjectResponseBody, false);
    if (res.kind !== 'header') {
      throw new NeoFSFormatError(`object ${addressToString(address)} is split; reading split objects is not supported`);
    }
    checkObjectHeader(res.header, address.objectId, res.signature);
    return {
      id: address.objectId,
      header: this.parse('ObjectService.Head', () => decodeObjectHeader(res.header)),
      headerBytes: res.header,
      ...(res.signature ? { signature: res.signature } : {}),
    };
  }

  /** Reads a whole object; checks header→ID, signature, payload length and SHA-256. */
  async objectGet(address: Address, o: CallOptions & { raw?: boolean } = {}): Promise<GotObject> {
    const req = buildSignedRequest(this.signer, encodeGetObjectBody(address, o.raw), this.meta(o));
    let head: { header: Uint8Array; signature?: Signature } | undefined;
    const chunks: Uint8Array[] = [];
    for await (const raw of this.transport.serverStream(`${OBJECT}Get`, req, o.timeoutMs ?? this.timeoutMs)) {
      const part = this.parse('ObjectService.Get', () => decodeGetObjectResponseBody(this.handle('ObjectService.Get', raw, false)));
      if (part.kind === 'init') {
        if (head) throw new ResponseVerificationError('object Get: second header in the stream');
        head = { header: part.header, ...(part.signature ? { signature: part.signature } : {}) };
      } else if (part.kind === 'chunk') {
        if (!head) throw new ResponseVerificationError('object Get: payload before the header');
        chunks.push(part.chunk);
      } else {
        throw new NeoFSFormatError(`object ${addressToString(address)} is split; reading split objects is not supported`);
      }
    }
    if (!head) throw new ResponseVerificationError('object Get: stream ended without a header');
    checkObjectHeader(head.header, address.objectId, head.signature);
    const header = this.parse('ObjectService.Get', () => decodeObjectHeader(head!.header));
    const payload = concat(chunks);
    if (header.payloadLength !== undefined && BigInt(payload.length) !== header.payloadLength) {
      throw new ResponseVerificationError(`object Get: got ${payload.length} payload bytes, header says ${header.payloadLength}`);
    }
    if (header.payloadHash?.type === ChecksumType.SHA256 && !equalBytes(sha256(payload), header.payloadHash.sum)) {
      throw new ResponseVerificationError('object Get: payload does not match its SHA-256 checksum');
    }
    return { id: address.objectId, header, headerBytes: head.header, payload, ...(head.signature ? { signature: head.signature } : {}) };
  }

  /** Deletes an object; returns the tombstone's address. */
  async objectDelete(address: Address, o?: CallOptions): Promise<Address> {
    return this.unary(`${OBJECT}Delete`, encodeDeleteObjectBody(address), o, decodeDeleteObjectResponseBody);
  }

  // -------------------------------------------------------------------------------------------
  // AccountingService and SessionService

  /** NeoFS balance of `owner` (default: the client's user). */
  async balance(owner: OwnerId = this.ownerId, o?: CallOptions): Promise<Decimal> {
    return this.unary(`${ACCOUNTING}Balance`, encodeBalanceBody(owner), o, decodeBalanceResponseBody);
  }

  /** Asks the node for a session key valid until epoch `expiration` (for node-signed objects). */
  async sessionCreate(expiration: Uint64, o?: CallOptions): Promise<CreatedSession> {
    return this.unary(`${SESSION}Create`, encodeCreateSessionBody(this.ownerId, expiration), o, decodeCreateSessionResponseBody);
  }
}

/** The container an `acl.EACLTable` names, if any (malformed bytes throw a typed decode error). */
function eaclContainerId(table: Uint8Array): ContainerId | undefined {
  const cid = new ProtoMessage(table).bytes(F_EACL_TABLE.containerId);
  return cid && decodeContainerIdMessage(cid, 'eACL table container ID');
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
