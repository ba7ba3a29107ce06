// Byte-for-byte comparison with the Go SDK rc.17 (test/vectors/neofs/golden.json, tools/golden).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { encodeSignature } from '../../src/neofs/refs.js';
import {
  containerId,
  encodeContainer,
  encodeContainerIdBody,
  encodeDeleteContainerBody,
  encodePutContainerBody,
  encodeSetEACLBody,
  newContainer,
  decodeContainer,
  BASIC_ACL_AUTHMATE,
} from '../../src/neofs/container.js';
import {
  decodeObjectHeader,
  encodeDeleteObjectBody,
  encodeGetObjectBody,
  encodeHeadObjectBody,
  encodeObjectHeader,
  encodePutChunkBody,
  encodePutInitBody,
  prepareObject,
  sha256Checksum,
} from '../../src/neofs/object.js';
import { decodeNetworkInfo } from '../../src/neofs/netmap.js';
import { encodeCreateSessionBody } from '../../src/neofs/session.js';
import { API_VERSION, ChecksumType, containerIdToString, objectIdToString, ownerIdFromPublicKey } from '../../src/neofs/refs.js';
import { buildSignedRequest, decodeResponse, encodeRequestMeta, keySigner } from '../../src/neofs/signing.js';
import { ResponseVerificationError } from '../../src/neofs/status.js';
import { ProtoMessage, ProtoWriter } from '../../src/neofs/proto/wire.js';
import { tzHash } from '../../src/neofs/tz.js';

const golden = JSON.parse(readFileSync(new URL('../vectors/neofs/golden.json', import.meta.url), 'utf8'));
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const userKey = hex(golden.keys.user);
const user = keySigner(userKey);
const client = keySigner(hex(golden.keys.client));
const owner = ownerIdFromPublicKey(user.publicKey);
const signers: Record<string, typeof user> = { user, client };

function goldenContainer(i: number) {
  const g = golden.containers[i];
  return newContainer({
    ownerId: owner,
    basicAcl: BASIC_ACL_AUTHMATE,
    placementPolicy: hex(g.policyBytes),
    attributes: [
      { key: 'Timestamp', value: '1700000000' },
      { key: 'Name', value: 'golden' },
    ],
    nonce: hex(g.nonce),
  });
}

describe('containers', () => {
  it.each([0, 1])('container %i: bytes, ID and RFC 6979 signature equal Go', (i) => {
    const g = golden.containers[i];
    const c = goldenContainer(i);
    expect(toHex(encodeContainer(c))).toBe(g.bytes);
    expect(toHex(containerId(c))).toBe(g.id);
    expect(containerIdToString(containerId(c))).toBe(g.idString);
    expect(toHex(user.sign(encodeContainer(c)).sign)).toBe(g.signature);
    expect(encodeContainer(decodeContainer(hex(g.bytes)))).toEqual(hex(g.bytes));
  });
});

const cnr = goldenContainer(0);
const cid = containerId(cnr);
const payload = hex(golden.object.payload);
const header = {
  version: API_VERSION,
  containerId: cid,
  ownerId: owner,
  creationEpoch: 42n,
  payloadLength: BigInt(payload.length),
  payloadHash: sha256Checksum(payload),
  homomorphicHash: { type: ChecksumType.TZ, sum: tzHash(payload) },
  attributes: [
    { key: 'FileName', value: 'golden.txt' },
    { key: 'Timestamp', value: '1700000000' },
  ],
};
const prepared = prepareObject(header, user);

describe('objects', () => {
  it('header, ID and signature equal Go', () => {
    expect(toHex(prepared.header)).toBe(golden.object.header);
    expect(toHex(prepared.id)).toBe(golden.object.id);
    expect(objectIdToString(prepared.id)).toBe(golden.object.idString);
    expect(toHex(encodeSignature(prepared.signature))).toBe(golden.object.signature);
    expect(encodeObjectHeader(decodeObjectHeader(prepared.header))).toEqual(prepared.header);
  });
});

describe('signed requests', () => {
  const addr = { containerId: cid, objectId: prepared.id };
  const cases: Record<string, () => { body: Uint8Array | undefined; meta?: Parameters<typeof encodeRequestMeta>[0] }> = {
    networkInfo: () => ({ body: undefined }),
    localNodeInfo: () => ({ body: new Uint8Array() }),
    containerPut: () => ({ body: encodePutContainerBody(encodeContainer(cnr), user) }),
    containerDelete: () => ({ body: encodeDeleteContainerBody(cid, user) }),
    containerGet: () => ({ body: encodeContainerIdBody(cid) }),
    containerSetExtendedAcl: () => ({ body: encodeSetEACLBody(hex(golden.eaclTable), user) }),
    objectPutInit: () => ({
      body: encodePutInitBody({ id: prepared.id, signature: prepared.signature, header: prepared.header }),
      meta: { sessionToken: hex(golden.objectSessionToken) },
    }),
    objectPutChunk: () => ({ body: encodePutChunkBody(payload) }),
    objectGet: () => ({ body: encodeGetObjectBody(addr) }),
    objectHead: () => ({ body: encodeHeadObjectBody(addr) }),
    objectDelete: () => ({ body: encodeDeleteObjectBody(addr) }),
    sessionCreate: () => ({ body: encodeCreateSessionBody(owner, 142) }),
  };

  it('covers every Go request vector', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(golden.requests).sort());
  });

  it.each(Object.keys(cases))('%s: body, meta header, verification header and wire bytes equal Go', (name) => {
    const g = golden.requests[name];
    const { body, meta } = cases[name]!();
    expect(toHex(body ?? new Uint8Array())).toBe(g.body);
    expect(toHex(encodeRequestMeta(meta))).toBe(g.meta);
    expect(toHex(buildSignedRequest(signers[g.signer]!, body, meta))).toBe(g.wire);
  });
});

describe('signed response', () => {
  const wire = hex(golden.networkInfoResponse.wire);

  it('verifies and decodes a Go-signed NetworkInfo response', () => {
    const r = decodeResponse(wire, true);
    expect(r.verified).toBe(true);
    expect(r.meta.epoch).toBe(17n);
    const ni = decodeNetworkInfo(new ProtoMessage(r.body!).bytes(1)!);
    expect(ni).toMatchObject({
      currentEpoch: 17n,
      magicNumber: 15405n,
      msPerBlock: 1000n,
      maxObjectSize: 64n << 20n,
      epochDuration: 240n,
      containerFee: 1000n,
      containerAliasFee: 500n,
      withdrawFee: 100000000n,
      homomorphicHashingDisabled: true,
    });
  });

  it('rejects it after any single-byte change in body, meta or signatures', () => {
    // body value byte, meta epoch byte, a byte inside the body signature
    for (const off of [10, wire.length - 330, wire.length - 40]) {
      const t = Uint8Array.from(wire);
      t[off]! ^= 0x01;
      expect(() => decodeResponse(t, true), `offset ${off}`).toThrow(ResponseVerificationError);
    }
  });

  it('rejects an unsigned response and one whose body was swapped', () => {
    const body = hex(golden.networkInfoResponse.body);
    const unsigned = new ProtoWriter().message(1, body).finish();
    expect(() => decodeResponse(unsigned, true)).toThrow(/not signed/);
    expect(decodeResponse(unsigned, false).verified).toBe(false);
    // Same verification header, different body: the body signature no longer matches.
    const r = new ProtoMessage(wire);
    const other = new ProtoWriter().message(1, new Uint8Array()).message(2, r.bytes(2)).message(3, r.bytes(3)).finish();
    expect(() => decodeResponse(other, true)).toThrow(/body signature \(depth 0\): ECDSA_RFC6979_SHA256 signature does not verify/);
    expect(p256.getPublicKey(hex(golden.keys.client), true)).toEqual(client.publicKey);
  });
});
