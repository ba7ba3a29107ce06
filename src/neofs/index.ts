/**
 * `authmate-ts/neofs`: the NeoFS API client, its entities (one module each) and its typed
 * errors. Request/response body codecs stay internal: the client is the way to talk to a node.
 */
export * from './client.js';
export {
  BASIC_ACL_AUTHMATE,
  BASIC_ACL_PRIVATE,
  BASIC_ACL_PUBLIC_READ,
  BASIC_ACL_PUBLIC_READ_WRITE,
  containerId,
  decodeContainer,
  encodeContainer,
  newContainer,
  type Attribute,
  type Container,
  type SignedContainer,
  type SignedEACL,
} from './container.js';
export { decodeNetmap, decodeNetworkInfo, decodeNodeInfo, NodeState, type Netmap, type NetworkInfo, type NodeAttribute, type NodeInfo } from './netmap.js';
export { decodeObjectHeader, encodeObjectHeader, ObjectType, type ObjectAttribute, type ObjectHeader } from './object.js';
export * from './refs.js';
export * from './status.js';
export { type Decimal } from './session.js';
export { keySigner, type Signer, type XHeader, type RequestMetaExtras } from './signing.js';
export { parseEndpoint, type Endpoint } from './transport.js';
export { tzHash } from './tz.js';
export { ProtoDecodeError } from './proto/wire.js';
export * from './nns.js';
