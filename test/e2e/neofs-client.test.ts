// NeoFSClient against the real local network (pinned neofs-node): container with a placement
// policy, object put/head/get/delete, eACL set/get, container delete; all signed with a devnet
// user's wallet key, every request accepted by the node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devnet } from './devnet.js';
import { loadWalletKey } from '../../src/wallet/index.js';
import { encodePlacementPolicy } from '../../src/policy/placement.js';
import { parsePlacementPolicy } from '../../src/policy/placement-ql.js';
import { encodeEACLTable, EACLAction, EACLOperation, EACLRole } from '../../src/policy/eacl.js';
import { encodeBearerToken, signBearerToken } from '../../src/tokens/bearer.js';
import { ContainerSessionVerb, encodeSessionToken, signSessionToken } from '../../src/tokens/session-v1.js';
import { NeoFSClient, type WaitProgress } from '../../src/neofs/client.js';
import { Transport } from '../../src/neofs/transport.js';
import { buildSignedRequest, decodeResponse, keySigner } from '../../src/neofs/signing.js';
import { ProtoMessage } from '../../src/neofs/proto/wire.js';
import { SignatureScheme } from '../../src/crypto/signature.js';
import { BASIC_ACL_AUTHMATE, newContainer, decodeContainer } from '../../src/neofs/container.js';
import { decodeSignature, containerIdToString, newUuidV4, objectIdToString, ownerIdToString, type ContainerId } from '../../src/neofs/refs.js';
import { AccessDeniedError, ContainerNotFoundError, ObjectAlreadyRemovedError, ObjectNotFoundError } from '../../src/neofs/status.js';

describe('NeoFSClient on the devnet', () => {
  const net = devnet();
  let client: NeoFSClient;
  let ownerKey: Uint8Array;
  let user2Key: Uint8Array;
  let cid: ContainerId;
  const progress: WaitProgress[] = [];

  beforeAll(async () => {
    const user = net.users[0]!;
    const key = await loadWalletKey({ path: user.path, password: user.password });
    ownerKey = key.privateKey;
    const u2 = net.users[1]!;
    user2Key = (await loadWalletKey({ path: u2.path, password: u2.password })).privateKey;
    client = new NeoFSClient({ endpoint: net.peer, signer: key.privateKey, timeoutMs: 20_000 });
    expect(ownerIdToString(client.ownerId)).toBe(user.address);
  });

  afterAll(() => client?.close());

  it('reads network and node info', async () => {
    const ni = await client.networkInfo();
    expect(ni.magicNumber).toBe(BigInt(net.magic));
    expect(ni.currentEpoch).toBeGreaterThan(0n);
    expect(ni.maxObjectSize).toBeGreaterThan(0n);
    expect(ni.epochDuration).toBeGreaterThan(0n);
    const bal = await client.balance();
    expect(bal.precision).toBeGreaterThan(0);
    const node = await client.localNodeInfo();
    expect(node.publicKey.length).toBe(33);
    expect(node.addresses.length).toBeGreaterThan(0);
  });

  it("verifies the node's own ECDSA_SHA512 response signatures and rejects a tampered copy", async () => {
    const t = new Transport(net.peer);
    try {
      const raw = await t.unary('/neo.fs.v2.netmap.NetmapService/NetworkInfo', buildSignedRequest(keySigner(ownerKey), undefined), 10_000);
      const r = decodeResponse(raw, true);
      expect(r.verified).toBe(true);
      const vh = new ProtoMessage(new ProtoMessage(raw).bytes(3)!);
      const bodySig = decodeSignature(vh.bytes(1)!);
      expect(bodySig.scheme).toBe(SignatureScheme.ECDSA_SHA512);
      expect(bodySig.sign.length).toBe(65);
      expect(bodySig.key).toEqual((await client.localNodeInfo()).publicKey);
      // Flip one bit of the epoch inside the body: the node's body signature no longer verifies.
      const body = new ProtoMessage(raw).bytes(1)!;
      const tampered = Uint8Array.from(raw);
      tampered[body.byteOffset - raw.byteOffset + 3]! ^= 0x01;
      expect(() => decodeResponse(tampered, true)).toThrow(/response body signature \(depth 0\): ECDSA_SHA512 signature does not verify/);
    } finally {
      t.close();
    }
  });

  it('creates a container with placement policy REP 1 and waits for it', async () => {
    const policy = encodePlacementPolicy(parsePlacementPolicy('REP 1'));
    const container = newContainer({
      ownerId: client.ownerId,
      basicAcl: 0x0fbfbfff, // eacl-public-read-write: extendable, so the eACL calls below are allowed
      placementPolicy: policy,
      attributes: [
        { key: 'Timestamp', value: String(Math.floor(Date.now() / 1000)) },
        { key: 'Name', value: `authmate-ts-e2e-${randomBytes(4).toString('hex')}` },
      ],
    });
    cid = await client.containerPut(container, { wait: { timeoutMs: 90_000, pollIntervalMs: 300, onProgress: (p) => progress.push(p) } });
    expect(progress.at(-1)?.phase).toBe('done');
    const got = await client.containerGet(cid);
    expect(got.container.attributes).toEqual(container.attributes);
    expect(got.container.placementPolicy).toEqual(policy);
    expect(ownerIdToString(decodeContainer(got.bytes).ownerId)).toBe(ownerIdToString(client.ownerId));
    expect((await client.containerList()).map(containerIdToString)).toContain(containerIdToString(cid));
    // Independent reader: the Go neofs-cli of the pinned node version sees the same container.
    const cli = await net.neofsCli(net.users[0]!, ['container', 'get', '--cid', containerIdToString(cid)]);
    expect(cli).toContain(containerIdToString(cid));
    expect(cli).toContain(container.attributes[1]!.value);
  }, 120_000);

  it('sets and reads back an extended ACL (others may not GET)', async () => {
    const table = encodeEACLTable({
      version: { major: 2, minor: 21 },
      containerId: cid,
      records: [{ operation: EACLOperation.GET, action: EACLAction.DENY, filters: [], targets: [{ role: EACLRole.OTHERS, keys: [] }] }],
    });
    await client.containerSetEACL(table, { wait: { timeoutMs: 90_000, pollIntervalMs: 300 } });
    const got = await client.containerEACL(cid);
    expect(got.eacl).toEqual(table);
  }, 120_000);

  it('puts an object with attributes, heads and gets it back byte-identical, deletes it', async () => {
    const payload = new Uint8Array(randomBytes(200_000));
    const attributes = [
      { key: 'FileName', value: 'e2e.bin' },
      { key: 'Content-Type', value: 'application/octet-stream' },
    ];
    const oid = await client.objectPut({ containerId: cid, payload, attributes });
    const address = { containerId: cid, objectId: oid };

    const head = await client.objectHead(address);
    expect(head.header.attributes).toEqual(attributes);
    expect(head.header.payloadLength).toBe(BigInt(payload.length));
    expect(ownerIdToString(head.header.ownerId)).toBe(ownerIdToString(client.ownerId));
    // Tillich-Zemor hash present exactly when the network does not disable homomorphic hashing.
    const ni = await client.networkInfo();
    expect(head.header.homomorphicHash?.sum.length).toBe(ni.homomorphicHashingDisabled ? undefined : 64);

    const got = await client.objectGet(address);
    expect(Buffer.from(got.payload).equals(Buffer.from(payload))).toBe(true);
    expect(got.headerBytes).toEqual(head.headerBytes);

    // Another user is denied by the eACL, and let through by a bearer token from the owner.
    const other = new NeoFSClient({ endpoint: net.peer, signer: user2Key, timeoutMs: 20_000 });
    try {
      const denied = await other.objectGet(address).catch((e) => e);
      expect(denied).toBeInstanceOf(AccessDeniedError);
      const epoch = (await client.networkInfo()).currentEpoch;
      const bearer = signBearerToken(
        {
          eaclTable: encodeEACLTable({
            version: { major: 2, minor: 21 },
            containerId: cid,
            records: [{ operation: EACLOperation.GET, action: EACLAction.ALLOW, filters: [], targets: [{ role: EACLRole.OTHERS, keys: [] }] }],
          }),
          ownerId: other.ownerId,
          lifetime: { iat: epoch, nbf: epoch, exp: epoch + 10n },
        },
        ownerKey,
      );
      const viaBearer = await other.objectGet(address, { bearerToken: encodeBearerToken(bearer) });
      expect(Buffer.from(viaBearer.payload).equals(Buffer.from(payload))).toBe(true);
    } finally {
      other.close();
    }

    // Independent reader: neofs-cli downloads the same bytes.
    const file = join(mkdtempSync(join(tmpdir(), 'neofs-e2e-')), 'obj');
    await net.neofsCli(net.users[0]!, ['object', 'get', '--cid', containerIdToString(cid), '--oid', objectIdToString(oid), '--file', file]);
    expect(readFileSync(file).equals(Buffer.from(payload))).toBe(true);

    const tombstone = await client.objectDelete(address);
    expect(containerIdToString(tombstone.containerId)).toBe(containerIdToString(cid));
    const err = await client.objectHead(address).catch((e) => e);
    expect(err instanceof ObjectAlreadyRemovedError || err instanceof ObjectNotFoundError).toBe(true);
  }, 120_000);

  it('streams a 7 MiB object in 3 MiB chunks and reads it back intact', async () => {
    const payload = new Uint8Array(randomBytes(7 << 20));
    const oid = await client.objectPut({ containerId: cid, payload, attributes: [{ key: 'FileName', value: 'big.bin' }], timeoutMs: 60_000 });
    const got = await client.objectGet({ containerId: cid, objectId: oid }, { timeoutMs: 60_000 });
    expect(got.payload.length).toBe(payload.length);
    expect(Buffer.from(got.payload).equals(Buffer.from(payload))).toBe(true);
    await client.objectDelete({ containerId: cid, objectId: oid });
  }, 120_000);

  it('lets another key create and delete a container for the owner within container sessions', async () => {
    const epoch = (await client.networkInfo()).currentEpoch;
    const gate = new NeoFSClient({ endpoint: net.peer, signer: user2Key, timeoutMs: 20_000 });
    const token = (verb: ContainerSessionVerb) =>
      encodeSessionToken(
        signSessionToken(
          { id: newUuidV4(), lifetime: { iat: epoch, nbf: epoch, exp: epoch + 10n }, sessionKey: gate.signer.publicKey, context: { kind: 'container', verb } },
          ownerKey,
        ),
      );
    try {
      const container = newContainer({
        ownerId: client.ownerId, // owned by user 1, signed by user 2's key under user 1's token
        basicAcl: BASIC_ACL_AUTHMATE,
        placementPolicy: encodePlacementPolicy(parsePlacementPolicy('REP 1')),
        attributes: [{ key: 'Timestamp', value: String(Math.floor(Date.now() / 1000)) }],
      });
      const id = await gate.containerPut(container, { sessionToken: token(ContainerSessionVerb.PUT), wait: { timeoutMs: 90_000, pollIntervalMs: 300 } });
      const got = await client.containerGet(id);
      expect(ownerIdToString(got.container.ownerId)).toBe(net.users[0]!.address); // node v0.54 returns no signature/token in Get
      // authmate's basic ACL: others may not PUT; the node refuses on the stream's first message.
      const denied = await gate.objectPut({ containerId: id, payload: new Uint8Array(randomBytes(4 << 20)) }).catch((e) => e);
      expect(denied).toBeInstanceOf(AccessDeniedError);
      expect(denied.message).toMatch(/^ObjectService.Put on 127.0.0.1:\d+: access denied/);
      await gate.containerDelete(id, { sessionToken: token(ContainerSessionVerb.DELETE), wait: { timeoutMs: 90_000, pollIntervalMs: 300 } });
    } finally {
      gate.close();
    }
  }, 200_000);

  it('creates a session on the node', async () => {
    const ni = await client.networkInfo();
    const s = await client.sessionCreate(ni.currentEpoch + 10n);
    expect(s.id.length).toBe(16);
    expect(s.sessionKey.length).toBe(33);
  });

  it('deletes the container and waits until it is gone', async () => {
    await client.containerDelete(cid, { wait: { timeoutMs: 90_000, pollIntervalMs: 300 } });
    await expect(client.containerGet(cid)).rejects.toThrow(ContainerNotFoundError);
  }, 120_000);
});
