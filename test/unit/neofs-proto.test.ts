// proto/*.proto (our API description) against Go-produced bytes: protobufjs decodes every Go
// request vector and re-encodes it to the same bytes, so field numbers and types match the API.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { SignatureScheme } from '../../src/crypto/signature.js';
import { encodeSignature } from '../../src/neofs/refs.js';

const protoRoot = fileURLToPath(new URL('../../proto/', import.meta.url));
const golden = JSON.parse(readFileSync(new URL('../vectors/neofs/golden.json', import.meta.url), 'utf8'));
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => join(protoRoot, target);
root.loadSync(['refs', 'status', 'acl', 'session', 'netmap', 'container', 'object', 'accounting'].map((p) => `neo/fs/v2/${p}.proto`));
root.resolveAll();

const types: Record<string, string> = {
  networkInfo: 'neo.fs.v2.netmap.NetworkInfoRequest',
  localNodeInfo: 'neo.fs.v2.netmap.LocalNodeInfoRequest',
  containerPut: 'neo.fs.v2.container.PutRequest',
  containerDelete: 'neo.fs.v2.container.DeleteRequest',
  containerGet: 'neo.fs.v2.container.GetRequest',
  containerSetExtendedAcl: 'neo.fs.v2.container.SetExtendedACLRequest',
  objectPutInit: 'neo.fs.v2.object.PutRequest',
  objectPutChunk: 'neo.fs.v2.object.PutRequest',
  objectGet: 'neo.fs.v2.object.GetRequest',
  objectHead: 'neo.fs.v2.object.HeadRequest',
  objectDelete: 'neo.fs.v2.object.DeleteRequest',
  sessionCreate: 'neo.fs.v2.session.CreateRequest',
};

describe('proto/ definitions', () => {
  it.each(Object.keys(types))('%s: protobufjs decode + encode reproduces the Go wire bytes', (name) => {
    const T = root.lookupType(types[name]!);
    const wire = hex(golden.requests[name].wire);
    const msg = T.decode(wire);
    expect(toHex(T.encode(msg).finish())).toBe(golden.requests[name].wire);
  });

  it('decodes the meaning, not just the bytes (object header, container, response)', () => {
    const put = root.lookupType('neo.fs.v2.object.PutRequest').decode(hex(golden.requests.objectPutInit.wire)).toJSON();
    expect(put.body.init.header.creationEpoch).toBe('42');
    expect(put.body.init.header.attributes).toEqual([
      { key: 'FileName', value: 'golden.txt' },
      { key: 'Timestamp', value: '1700000000' },
    ]);
    expect(put.body.init.header.payloadHash.type).toBe('SHA256');
    expect(put.body.init.header.homomorphicHash.type).toBe('TZ');
    expect(put.metaHeader.sessionToken.body.object.verb).toBe('PUT');
    expect(put.verifyHeader.metaSignature.scheme).toBe('ECDSA_RFC6979_SHA256');

    const cnr = root.lookupType('neo.fs.v2.container.Container').decode(hex(golden.containers[1].bytes)).toJSON();
    expect(cnr.basicAcl).toBe(0x1c8c8cce);
    expect(cnr.placementPolicy).toEqual({ replicas: [{ count: 2, selector: 'X' }], containerBackupFactor: 3, selectors: [{ name: 'X', count: 2, filter: '*' }] });

    const resp = root.lookupType('neo.fs.v2.netmap.NetworkInfoResponse').decode(hex(golden.networkInfoResponse.wire)).toJSON();
    expect(resp.body.networkInfo).toMatchObject({ currentEpoch: '17', magicNumber: '15405', msPerBlock: '1000' });
    expect(resp.metaHeader.epoch).toBe('17');
  });

  it('shows why signed bytes never come from a generic encoder: explicit zero fields', () => {
    // protobufjs writes an explicitly set zero enum (scheme ECDSA_SHA512 = 0); stable encoding omits it,
    // and a node re-encodes stably before verifying, so a signature over the protobufjs bytes would fail.
    const Sig = root.lookupType('neo.fs.v2.refs.Signature');
    const sig = { key: new Uint8Array(33).fill(2), sign: new Uint8Array(65).fill(4), scheme: SignatureScheme.ECDSA_SHA512 };
    const generic = Sig.encode(Sig.fromObject(sig)).finish();
    const stable = encodeSignature(sig);
    expect(toHex(generic)).toBe(`${toHex(stable)}1800`);
    // Same for an explicit ttl 0 in a meta header.
    const Meta = root.lookupType('neo.fs.v2.session.RequestMetaHeader');
    expect(toHex(Meta.encode(Meta.fromObject({ ttl: 0 })).finish())).toBe('1800');
  });
});
