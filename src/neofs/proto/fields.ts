/**
 * Field numbers of every NeoFS API message our codec writes or reads, named after the
 * `proto/neo/fs/v2/*.proto` fields (camelCase). Encoders and decoders use these instead of bare
 * numbers; `test/unit/proto-fields.test.ts` checks each one (number and wire type) against
 * `proto/` through protobufjs reflection, keyed by the full message name in `PROTO_FIELDS`.
 */

// ---- neo.fs.v2.refs
export const F_ADDRESS = { containerId: 1, objectId: 2 } as const;
/** `ObjectID`, `ContainerID`, `OwnerID`: `{ bytes value = 1 }`. */
export const F_ID = { value: 1 } as const;
export const F_VERSION = { major: 1, minor: 2 } as const;
export const F_SIGNATURE = { key: 1, sign: 2, scheme: 3 } as const;
export const F_SIGNATURE_RFC6979 = { key: 1, sign: 2 } as const;
export const F_CHECKSUM = { type: 1, sum: 2 } as const;

// ---- neo.fs.v2.status
export const F_STATUS = { code: 1, message: 2, details: 3 } as const;
export const F_STATUS_DETAIL = { id: 1, value: 2 } as const;

// ---- neo.fs.v2.acl
export const F_EACL_TABLE = { version: 1, containerId: 2, records: 3 } as const;
export const F_EACL_RECORD = { operation: 1, action: 2, filters: 3, targets: 4, comment: 5 } as const;
export const F_EACL_FILTER = { headerType: 1, matchType: 2, key: 3, value: 4 } as const;
export const F_EACL_TARGET = { role: 1, keys: 2 } as const;
export const F_BEARER_TOKEN = { body: 1, signature: 2 } as const;
export const F_BEARER_TOKEN_BODY = { eaclTable: 1, ownerId: 2, lifetime: 3, issuer: 4 } as const;
/** `TokenLifetime` of bearer tokens and session tokens v1 and v2 (same numbers in all three). */
export const F_TOKEN_LIFETIME = { exp: 1, nbf: 2, iat: 3 } as const;

// ---- neo.fs.v2.session
export const F_SESSION_TOKEN = { body: 1, signature: 2 } as const;
export const F_SESSION_TOKEN_BODY = { id: 1, ownerId: 2, lifetime: 3, sessionKey: 4, object: 5, container: 6 } as const;
export const F_OBJECT_SESSION_CONTEXT = { verb: 1, target: 2 } as const;
export const F_OBJECT_SESSION_TARGET = { container: 1, objects: 2 } as const;
export const F_CONTAINER_SESSION_CONTEXT = { verb: 1, wildcard: 2, containerId: 3 } as const;
export const F_SESSION_TOKEN_V2 = { body: 1, signature: 2, origin: 3 } as const;
export const F_SESSION_TOKEN_V2_BODY = { version: 1, appdata: 2, issuer: 3, subjects: 4, lifetime: 5, contexts: 6, final: 7 } as const;
export const F_SESSION_TARGET = { ownerId: 1, nnsName: 2 } as const;
export const F_SESSION_CONTEXT_V2 = { container: 1, verbs: 2 } as const;
export const F_XHEADER = { key: 1, value: 2 } as const;
export const F_REQUEST_META = {
  version: 1,
  epoch: 2,
  ttl: 3,
  xHeaders: 4,
  sessionToken: 5,
  bearerToken: 6,
  origin: 7,
  magicNumber: 8,
  sessionTokenV2: 9,
} as const;
export const F_RESPONSE_META = { version: 1, epoch: 2, ttl: 3, xHeaders: 4, origin: 5, status: 6 } as const;
/** Request and response verification headers share their numbers. */
export const F_VERIFY_HEADER = { bodySignature: 1, metaSignature: 2, originSignature: 3, origin: 4 } as const;
/** Every request and response: `{ body = 1, meta_header = 2, verify_header = 3 }`. */
export const F_ENVELOPE = { body: 1, metaHeader: 2, verifyHeader: 3 } as const;
export const F_CREATE_SESSION_REQUEST_BODY = { ownerId: 1, expiration: 2 } as const;
export const F_CREATE_SESSION_RESPONSE_BODY = { id: 1, sessionKey: 2 } as const;

// ---- neo.fs.v2.accounting
export const F_BALANCE_REQUEST_BODY = { ownerId: 1 } as const;
export const F_BALANCE_RESPONSE_BODY = { balance: 1 } as const;
export const F_DECIMAL = { value: 1, precision: 2 } as const;

// ---- neo.fs.v2.netmap
export const F_PLACEMENT_POLICY = { replicas: 1, containerBackupFactor: 2, selectors: 3, filters: 4, ecRules: 6 } as const;
export const F_REPLICA = { count: 1, selector: 2 } as const;
export const F_SELECTOR = { name: 1, count: 2, clause: 3, attribute: 4, filter: 5 } as const;
export const F_FILTER = { name: 1, key: 2, op: 3, value: 4, filters: 5 } as const;
export const F_EC_RULE = { dataPartNum: 1, parityPartNum: 2, selector: 3 } as const;
export const F_NETWORK_INFO = { currentEpoch: 1, magicNumber: 2, msPerBlock: 3, networkConfig: 4 } as const;
export const F_NETWORK_CONFIG = { parameters: 1 } as const;
export const F_NETWORK_PARAMETER = { key: 1, value: 2 } as const;
export const F_NODE_INFO = { publicKey: 1, addresses: 2, attributes: 3, state: 4 } as const;
export const F_NODE_ATTRIBUTE = { key: 1, value: 2, parents: 3 } as const;
export const F_LOCAL_NODE_INFO_RESPONSE_BODY = { version: 1, nodeInfo: 2 } as const;
export const F_NETWORK_INFO_RESPONSE_BODY = { networkInfo: 1 } as const;

// ---- neo.fs.v2.container
export const F_CONTAINER = { version: 1, ownerId: 2, nonce: 3, basicAcl: 4, attributes: 5, placementPolicy: 6 } as const;
export const F_CONTAINER_ATTRIBUTE = { key: 1, value: 2 } as const;
export const F_CONTAINER_PUT_REQUEST_BODY = { container: 1, signature: 2 } as const;
export const F_CONTAINER_PUT_RESPONSE_BODY = { containerId: 1 } as const;
export const F_CONTAINER_DELETE_REQUEST_BODY = { containerId: 1, signature: 2 } as const;
/** `GetRequest.Body` and `GetExtendedACLRequest.Body`. */
export const F_CONTAINER_ID_REQUEST_BODY = { containerId: 1 } as const;
export const F_CONTAINER_GET_RESPONSE_BODY = { container: 1, signature: 2, sessionToken: 3 } as const;
export const F_CONTAINER_LIST_REQUEST_BODY = { ownerId: 1 } as const;
export const F_CONTAINER_LIST_RESPONSE_BODY = { containerIds: 1 } as const;
export const F_SET_EACL_REQUEST_BODY = { eacl: 1, signature: 2 } as const;
export const F_GET_EACL_RESPONSE_BODY = { eacl: 1, signature: 2, sessionToken: 3 } as const;

// ---- neo.fs.v2.object
export const F_OBJECT_HEADER = {
  version: 1,
  containerId: 2,
  ownerId: 3,
  creationEpoch: 4,
  payloadLength: 5,
  payloadHash: 6,
  objectType: 7,
  homomorphicHash: 8,
  sessionToken: 9,
  attributes: 10,
  split: 11,
  sessionTokenV2: 12,
} as const;
export const F_OBJECT_ATTRIBUTE = { key: 1, value: 2 } as const;
export const F_OBJECT_PUT_REQUEST_BODY = { init: 1, chunk: 2 } as const;
export const F_OBJECT_PUT_INIT = { objectId: 1, signature: 2, header: 3, copiesNumber: 4 } as const;
export const F_OBJECT_PUT_RESPONSE_BODY = { objectId: 1 } as const;
export const F_OBJECT_GET_REQUEST_BODY = { address: 1, raw: 2 } as const;
export const F_OBJECT_GET_RESPONSE_BODY = { init: 1, chunk: 2, splitInfo: 3 } as const;
export const F_OBJECT_GET_INIT = { objectId: 1, signature: 2, header: 3 } as const;
export const F_OBJECT_HEAD_REQUEST_BODY = { address: 1, mainOnly: 2, raw: 3 } as const;
export const F_OBJECT_HEAD_RESPONSE_BODY = { header: 1, shortHeader: 2, splitInfo: 3 } as const;
export const F_HEADER_WITH_SIGNATURE = { header: 1, signature: 2 } as const;
export const F_OBJECT_DELETE_REQUEST_BODY = { address: 1 } as const;
export const F_OBJECT_DELETE_RESPONSE_BODY = { tombstone: 1 } as const;

/** Full proto message name → the constants that describe it (what the reflection test walks). */
export const PROTO_FIELDS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'neo.fs.v2.refs.Address': F_ADDRESS,
  'neo.fs.v2.refs.ObjectID': F_ID,
  'neo.fs.v2.refs.ContainerID': F_ID,
  'neo.fs.v2.refs.OwnerID': F_ID,
  'neo.fs.v2.refs.Version': F_VERSION,
  'neo.fs.v2.refs.Signature': F_SIGNATURE,
  'neo.fs.v2.refs.SignatureRFC6979': F_SIGNATURE_RFC6979,
  'neo.fs.v2.refs.Checksum': F_CHECKSUM,
  'neo.fs.v2.status.Status': F_STATUS,
  'neo.fs.v2.status.Status.Detail': F_STATUS_DETAIL,
  'neo.fs.v2.acl.EACLTable': F_EACL_TABLE,
  'neo.fs.v2.acl.EACLRecord': F_EACL_RECORD,
  'neo.fs.v2.acl.EACLRecord.Filter': F_EACL_FILTER,
  'neo.fs.v2.acl.EACLRecord.Target': F_EACL_TARGET,
  'neo.fs.v2.acl.BearerToken': F_BEARER_TOKEN,
  'neo.fs.v2.acl.BearerToken.Body': F_BEARER_TOKEN_BODY,
  'neo.fs.v2.acl.BearerToken.Body.TokenLifetime': F_TOKEN_LIFETIME,
  'neo.fs.v2.session.SessionToken.Body.TokenLifetime': F_TOKEN_LIFETIME,
  'neo.fs.v2.session.TokenLifetime': F_TOKEN_LIFETIME,
  'neo.fs.v2.session.SessionToken': F_SESSION_TOKEN,
  'neo.fs.v2.session.SessionToken.Body': F_SESSION_TOKEN_BODY,
  'neo.fs.v2.session.ObjectSessionContext': F_OBJECT_SESSION_CONTEXT,
  'neo.fs.v2.session.ObjectSessionContext.Target': F_OBJECT_SESSION_TARGET,
  'neo.fs.v2.session.ContainerSessionContext': F_CONTAINER_SESSION_CONTEXT,
  'neo.fs.v2.session.SessionTokenV2': F_SESSION_TOKEN_V2,
  'neo.fs.v2.session.SessionTokenV2.Body': F_SESSION_TOKEN_V2_BODY,
  'neo.fs.v2.session.Target': F_SESSION_TARGET,
  'neo.fs.v2.session.SessionContextV2': F_SESSION_CONTEXT_V2,
  'neo.fs.v2.session.XHeader': F_XHEADER,
  'neo.fs.v2.session.RequestMetaHeader': F_REQUEST_META,
  'neo.fs.v2.session.ResponseMetaHeader': F_RESPONSE_META,
  'neo.fs.v2.session.RequestVerificationHeader': F_VERIFY_HEADER,
  'neo.fs.v2.session.ResponseVerificationHeader': F_VERIFY_HEADER,
  'neo.fs.v2.session.CreateRequest': F_ENVELOPE,
  'neo.fs.v2.session.CreateResponse': F_ENVELOPE,
  'neo.fs.v2.session.CreateRequest.Body': F_CREATE_SESSION_REQUEST_BODY,
  'neo.fs.v2.session.CreateResponse.Body': F_CREATE_SESSION_RESPONSE_BODY,
  'neo.fs.v2.accounting.BalanceRequest.Body': F_BALANCE_REQUEST_BODY,
  'neo.fs.v2.accounting.BalanceResponse.Body': F_BALANCE_RESPONSE_BODY,
  'neo.fs.v2.accounting.Decimal': F_DECIMAL,
  'neo.fs.v2.netmap.PlacementPolicy': F_PLACEMENT_POLICY,
  'neo.fs.v2.netmap.Replica': F_REPLICA,
  'neo.fs.v2.netmap.Selector': F_SELECTOR,
  'neo.fs.v2.netmap.Filter': F_FILTER,
  'neo.fs.v2.netmap.PlacementPolicy.ECRule': F_EC_RULE,
  'neo.fs.v2.netmap.NetworkInfo': F_NETWORK_INFO,
  'neo.fs.v2.netmap.NetworkConfig': F_NETWORK_CONFIG,
  'neo.fs.v2.netmap.NetworkConfig.Parameter': F_NETWORK_PARAMETER,
  'neo.fs.v2.netmap.NodeInfo': F_NODE_INFO,
  'neo.fs.v2.netmap.NodeInfo.Attribute': F_NODE_ATTRIBUTE,
  'neo.fs.v2.netmap.LocalNodeInfoResponse.Body': F_LOCAL_NODE_INFO_RESPONSE_BODY,
  'neo.fs.v2.netmap.NetworkInfoResponse.Body': F_NETWORK_INFO_RESPONSE_BODY,
  'neo.fs.v2.netmap.NetworkInfoResponse': F_ENVELOPE,
  'neo.fs.v2.container.Container': F_CONTAINER,
  'neo.fs.v2.container.Container.Attribute': F_CONTAINER_ATTRIBUTE,
  'neo.fs.v2.container.PutRequest.Body': F_CONTAINER_PUT_REQUEST_BODY,
  'neo.fs.v2.container.PutResponse.Body': F_CONTAINER_PUT_RESPONSE_BODY,
  'neo.fs.v2.container.DeleteRequest.Body': F_CONTAINER_DELETE_REQUEST_BODY,
  'neo.fs.v2.container.GetRequest.Body': F_CONTAINER_ID_REQUEST_BODY,
  'neo.fs.v2.container.GetExtendedACLRequest.Body': F_CONTAINER_ID_REQUEST_BODY,
  'neo.fs.v2.container.GetResponse.Body': F_CONTAINER_GET_RESPONSE_BODY,
  'neo.fs.v2.container.ListRequest.Body': F_CONTAINER_LIST_REQUEST_BODY,
  'neo.fs.v2.container.ListResponse.Body': F_CONTAINER_LIST_RESPONSE_BODY,
  'neo.fs.v2.container.SetExtendedACLRequest.Body': F_SET_EACL_REQUEST_BODY,
  'neo.fs.v2.container.GetExtendedACLResponse.Body': F_GET_EACL_RESPONSE_BODY,
  'neo.fs.v2.object.Header': F_OBJECT_HEADER,
  'neo.fs.v2.object.Header.Attribute': F_OBJECT_ATTRIBUTE,
  'neo.fs.v2.object.PutRequest.Body': F_OBJECT_PUT_REQUEST_BODY,
  'neo.fs.v2.object.PutRequest.Body.Init': F_OBJECT_PUT_INIT,
  'neo.fs.v2.object.PutResponse.Body': F_OBJECT_PUT_RESPONSE_BODY,
  'neo.fs.v2.object.GetRequest.Body': F_OBJECT_GET_REQUEST_BODY,
  'neo.fs.v2.object.GetResponse.Body': F_OBJECT_GET_RESPONSE_BODY,
  'neo.fs.v2.object.GetResponse.Body.Init': F_OBJECT_GET_INIT,
  'neo.fs.v2.object.HeadRequest.Body': F_OBJECT_HEAD_REQUEST_BODY,
  'neo.fs.v2.object.HeadResponse.Body': F_OBJECT_HEAD_RESPONSE_BODY,
  'neo.fs.v2.object.HeaderWithSignature': F_HEADER_WITH_SIGNATURE,
  'neo.fs.v2.object.DeleteRequest.Body': F_OBJECT_DELETE_REQUEST_BODY,
  'neo.fs.v2.object.DeleteResponse.Body': F_OBJECT_DELETE_RESPONSE_BODY,
};
