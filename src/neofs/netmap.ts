/**
 * `neo.fs.v2.netmap` messages the client reads: NetworkInfo (epoch, magic, network parameters)
 * and NodeInfo (LocalNodeInfo). Parameter values follow the Go SDK: integers are 0..8 bytes
 * little-endian, booleans are "any non-zero byte".
 */
import { ProtoMessage, ProtoWriter } from './proto/wire.js';
import {
  F_LOCAL_NODE_INFO_RESPONSE_BODY,
  F_NETWORK_CONFIG,
  F_NETWORK_INFO,
  F_NETWORK_PARAMETER,
  F_NODE_ATTRIBUTE,
  F_NODE_INFO,
} from './proto/fields.js';
import { NeoFSFormatError, type Version, decodeVersion } from './refs.js';

export interface NetworkInfo {
  currentEpoch: bigint;
  /** FS chain network magic. */
  magicNumber: bigint;
  msPerBlock: bigint;
  /** Payload limit of one physical object, bytes. */
  maxObjectSize: bigint;
  /** Seconds since API 2.18. */
  epochDuration: bigint;
  homomorphicHashingDisabled: boolean;
  maintenanceModeAllowed: boolean;
  containerFee: bigint;
  containerAliasFee: bigint;
  withdrawFee: bigint;
  basicIncomeRate: bigint;
  /** Every parameter as sent, by name (including the ones above). */
  parameters: Map<string, Uint8Array>;
}

function leUint(v: Uint8Array, key: string): bigint {
  if (v.length > 8) throw new NeoFSFormatError(`network parameter ${key}: ${v.length}-byte integer (max 8)`);
  let r = 0n;
  for (let i = v.length - 1; i >= 0; i--) r = (r << 8n) | BigInt(v[i]!);
  return r;
}

/** Decodes `netmap.NetworkInfo`. */
export function decodeNetworkInfo(buf: Uint8Array): NetworkInfo {
  const m = new ProtoMessage(buf);
  const parameters = new Map<string, Uint8Array>();
  const cfg = m.bytes(F_NETWORK_INFO.networkConfig);
  if (cfg !== undefined) {
    for (const p of new ProtoMessage(cfg).repeatedBytes(F_NETWORK_CONFIG.parameters)) {
      const pm = new ProtoMessage(p);
      // `key` is bytes in the proto; names are ASCII, so read it as text (replacement chars for junk, as Go's string()).
      const key = new TextDecoder().decode(pm.bytes(F_NETWORK_PARAMETER.key) ?? new Uint8Array());
      if (parameters.has(key)) throw new NeoFSFormatError(`network parameter ${key} is repeated`);
      parameters.set(key, pm.bytes(F_NETWORK_PARAMETER.value) ?? new Uint8Array());
    }
  }
  const int = (key: string) => {
    const v = parameters.get(key);
    return v === undefined ? 0n : leUint(v, key);
  };
  const flag = (key: string) => (parameters.get(key) ?? new Uint8Array()).some((b) => b !== 0);
  return {
    currentEpoch: m.bigint(F_NETWORK_INFO.currentEpoch) ?? 0n,
    magicNumber: m.bigint(F_NETWORK_INFO.magicNumber) ?? 0n,
    msPerBlock: BigInt.asIntN(64, m.bigint(F_NETWORK_INFO.msPerBlock) ?? 0n),
    maxObjectSize: int('MaxObjectSize'),
    epochDuration: int('EpochDuration'),
    homomorphicHashingDisabled: flag('HomomorphicHashingDisabled'),
    maintenanceModeAllowed: flag('MaintenanceModeAllowed'),
    containerFee: int('ContainerFee'),
    containerAliasFee: int('ContainerAliasFee'),
    withdrawFee: int('WithdrawFee'),
    basicIncomeRate: int('BasicIncomeRate'),
    parameters,
  };
}

export enum NodeState {
  UNSPECIFIED = 0,
  ONLINE = 1,
  OFFLINE = 2,
  MAINTENANCE = 3,
}

export interface NodeAttribute {
  key: string;
  value: string;
  parents: string[];
}

export interface NodeInfo {
  publicKey: Uint8Array;
  addresses: string[];
  attributes: NodeAttribute[];
  state: NodeState;
}

export function decodeNodeInfo(buf: Uint8Array): NodeInfo {
  const m = new ProtoMessage(buf);
  return {
    publicKey: m.bytes(F_NODE_INFO.publicKey) ?? new Uint8Array(),
    addresses: m.repeatedStrings(F_NODE_INFO.addresses),
    attributes: m.repeatedBytes(F_NODE_INFO.attributes).map((a) => {
      const am = new ProtoMessage(a);
      return {
        key: am.string(F_NODE_ATTRIBUTE.key) ?? '',
        value: am.string(F_NODE_ATTRIBUTE.value) ?? '',
        parents: am.repeatedStrings(F_NODE_ATTRIBUTE.parents),
      };
    }),
    state: (m.int(F_NODE_INFO.state) ?? 0) as NodeState,
  };
}

/** `LocalNodeInfoResponse.Body{version=1, node_info=2}`. */
export function decodeLocalNodeInfoBody(buf: Uint8Array): { version?: Version; nodeInfo: NodeInfo } {
  const m = new ProtoMessage(buf);
  const v = m.bytes(F_LOCAL_NODE_INFO_RESPONSE_BODY.version);
  const ni = m.bytes(F_LOCAL_NODE_INFO_RESPONSE_BODY.nodeInfo);
  if (ni === undefined) throw new NeoFSFormatError('LocalNodeInfo response has no node info');
  return { ...(v !== undefined ? { version: decodeVersion(v) } : {}), nodeInfo: decodeNodeInfo(ni) };
}

/** `netmap.Netmap{epoch=1, nodes=2}`: the storage nodes of one epoch (NetmapSnapshot). */
export interface Netmap {
  epoch: bigint;
  nodes: NodeInfo[];
}

export function decodeNetmap(buf: Uint8Array): Netmap {
  const m = new ProtoMessage(buf);
  return { epoch: m.bigint(1) ?? 0n, nodes: m.repeatedBytes(2).map(decodeNodeInfo) };
}

/** `NetmapSnapshotResponse.Body{netmap=1}`. */
export function decodeNetmapSnapshotBody(buf: Uint8Array | undefined): Netmap {
  const nm = buf && new ProtoMessage(buf).bytes(1);
  if (nm === undefined) throw new NeoFSFormatError('NetmapSnapshot response has no network map');
  return decodeNetmap(nm);
}

/** Encodes `netmap.NetworkInfo` (test servers use it). */
export function encodeNetworkInfo(n: {
  currentEpoch: bigint | number;
  magicNumber: bigint | number;
  msPerBlock?: bigint | number;
  parameters: ReadonlyArray<readonly [string, Uint8Array]>;
}): Uint8Array {
  const cfg = new ProtoWriter()
    .repeatedMessages(
      F_NETWORK_CONFIG.parameters,
      n.parameters.map(([k, v]) =>
        new ProtoWriter().bytes(F_NETWORK_PARAMETER.key, new TextEncoder().encode(k)).bytes(F_NETWORK_PARAMETER.value, v).finish(),
      ),
    )
    .finish();
  return new ProtoWriter()
    .uint64(F_NETWORK_INFO.currentEpoch, n.currentEpoch)
    .uint64(F_NETWORK_INFO.magicNumber, n.magicNumber)
    .int64(F_NETWORK_INFO.msPerBlock, n.msPerBlock)
    .message(F_NETWORK_INFO.networkConfig, cfg)
    .finish();
}
