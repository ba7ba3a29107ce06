// The tokens inside our G3 AccessBoxes are what neofs-s3-gw v0.37-v0.44 hands to the storage
// node unchanged. The v0.42 gateway cannot be installed here, so byte-compatibility is proven by
// the real node (neofs-node of the devnet) accepting them exactly as a G3 gateway would use them:
//
//  (a) session token v1: the gate key creates a container OWNED BY THE USER, signing the request
//      and the container with the gate key under the box's container PUT token; the box's DELETE
//      token deletes it; the token of another gate, or no token, is refused.
//  (b) bearer token: in a container whose basic ACL honours bearer rules for PUT, with an eACL
//      denying PUT to OTHERS, the gate's object PUT is denied without a token, accepted with the
//      box's bearer token allowing PUT, refused with the box's default-table bearer token.
//
// The tokens are the exact bytes sealed in the box (decrypted here by hand from the G3 entry),
// not a re-encoding.
//
// Container requests: neofs-node v0.54 does not check the session token itself; it sends the
// request to the FS chain, where the Inner Ring checks it and drops a bad one, and the node
// answers CONTAINER_AWAIT_TIMEOUT when the change never lands. So a refusal is proven by that
// status, by the Inner Ring's log line for the request (with its reason) and by the container
// not appearing (or not going away); an acceptance by the container appearing with the user as
// owner (or going away).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { devnet } from './devnet.js';
import { loadWalletKey } from '../../src/wallet/index.js';
import { NeoFSClient } from '../../src/neofs/client.js';
import { keySigner } from '../../src/neofs/signing.js';
import { BASIC_ACL_AUTHMATE, encodeContainer, newContainer, type Container } from '../../src/neofs/container.js';
import { containerIdFromContainer, containerIdToString, ownerIdToString, type Address, type ContainerId } from '../../src/neofs/refs.js';
import { AccessDeniedError, ContainerAwaitTimeoutError, ContainerNotFoundError } from '../../src/neofs/status.js';
import { encodePlacementPolicy } from '../../src/policy/placement.js';
import { parsePlacementPolicy } from '../../src/policy/placement-ql.js';
import { eaclTableFromJSON, encodeEACLTable, EACLAction, EACLOperation, EACLRole } from '../../src/policy/eacl.js';
import { issueSecret, type IssueSecretResult } from '../../src/authmate/issue.js';
import { parseAccessKeyId } from '../../src/authmate/obtain.js';
import { openAccessBox } from '../../src/box/box.js';
import { decodeAccessBoxMessage, decodeTokensMessage } from '../../src/box/accessbox.js';
import { ecdhKey, openWithSharedSecret } from '../../src/box/crypto.js';
import { bytesToHex } from '../../src/crypto/keys.js';
import { ContainerSessionVerb, decodeSessionToken, encodeSessionToken } from '../../src/tokens/session-v1.js';
import { decodeBearerToken, encodeBearerToken } from '../../src/tokens/bearer.js';

const net = devnet();
const user = net.users[0]!;
const [gw0, gw1] = [net.gateways[0]!, net.gateways[1]!];

/** Basic ACL `eacl-public-read-write` (§5.6): every op open, final bit clear, bearer bit set for each op. */
const BASIC_ACL_EACL_PUBLIC_READ_WRITE = 0x0fbfbfff;
const WAIT = { timeoutMs: 90_000, pollIntervalMs: 200 };
const REP1 = encodePlacementPolicy(parsePlacementPolicy('REP 1'));
/** protocol.md §8.3: the v0.42 default bearer table, 72 bytes. */
const DEFAULT_BEARER_TABLE_HEX =
  '0a001a0808011001220208031a0808021002220208031a0808031002220208031a0808041002220208031a0808051002220208031a0808061002220208031a080807100222020803';

interface BoxTokens {
  bearer: Uint8Array;
  sessions: Map<ContainerSessionVerb, Uint8Array>;
}

/**
 * Reads the box object and decrypts the gate's G3 entry by hand, returning the token bytes exactly
 * as sealed; cross-checked against `openAccessBox` (which must say g3 and decode the same tokens).
 */
async function tokensFromBox(client: NeoFSClient, address: Address, gatePrivateKey: Uint8Array): Promise<BoxTokens> {
  const { payload } = await client.objectGet(address);
  const opened = openAccessBox(payload, gatePrivateKey);
  expect(opened.format).toBe('g3');
  const gate = ecdhKey(gatePrivateKey);
  const box = decodeAccessBoxMessage(payload);
  const entry = box.gates.find((g) => g.gatePublicKey && bytesToHex(g.gatePublicKey) === bytesToHex(gate.publicKey))!;
  const tokens = decodeTokensMessage(openWithSharedSecret('g3', gate.sharedWith(box.ownerPublicKey), entry.tokens));
  expect(bytesToHex(tokens.bearerToken!)).toBe(bytesToHex(encodeBearerToken(opened.bearerToken!)));
  const sessions = new Map<ContainerSessionVerb, Uint8Array>();
  for (const raw of tokens.sessionTokens) {
    const t = decodeSessionToken(raw);
    if (t.context?.kind !== 'container') throw new Error('G3 box with a non-container session token');
    expect(bytesToHex(t.sessionKey!)).toBe(bytesToHex(gate.publicKey)); // the token is for this gate
    expect(ownerIdToString(t.ownerId!)).toBe(user.address); // issued by the user
    sessions.set(t.context.verb, raw);
  }
  expect(opened.sessionTokens.map((t) => bytesToHex(encodeSessionToken(t)))).toEqual(tokens.sessionTokens.map((b) => bytesToHex(b)));
  return { bearer: tokens.bearerToken!, sessions };
}


const IR_LOG = join(net.dataDir, 'logs', 'ir.log');
const irLogSize = (): number => (existsSync(IR_LOG) ? statSync(IR_LOG).size : 0);

/** Waits for the Inner Ring's log line (written after `since`) that matches every pattern. */
async function irRejection(since: number, patterns: RegExp[], timeoutMs = 30_000): Promise<string> {
  if (!existsSync(IR_LOG)) throw new Error(`no Inner Ring log at ${IR_LOG}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = readFileSync(IR_LOG).subarray(since).toString('utf8');
    const line = text.split('\n').find((l) => patterns.every((p) => p.test(l)));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no Inner Ring log line matching ${patterns.join(' ')} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const idOf = (c: Container): string => containerIdToString(containerIdFromContainer(encodeContainer(c)));

const timings: Record<string, number> = {};
const nodeSays: string[] = [];
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = Date.now() - t;
  }
}

describe('our G3 tokens accepted by the real storage node', () => {
  let userKey: Uint8Array;
  let gw0Key: Uint8Array;
  let gw1Key: Uint8Array;
  let userClient: NeoFSClient;
  let gate0: NeoFSClient;
  let gate1: NeoFSClient;
  const created: ContainerId[] = [];

  beforeAll(async () => {
    userKey = (await loadWalletKey({ path: user.path, password: user.password })).privateKey;
    gw0Key = (await loadWalletKey({ path: gw0.walletPath, password: gw0.walletPassword })).privateKey;
    gw1Key = (await loadWalletKey({ path: gw1.walletPath, password: gw1.walletPassword })).privateKey;
    userClient = new NeoFSClient({ endpoint: net.peer, signer: userKey, timeoutMs: 20_000 });
    gate0 = new NeoFSClient({ endpoint: net.peer, signer: gw0Key, timeoutMs: 20_000 });
    gate1 = new NeoFSClient({ endpoint: net.peer, signer: gw1Key, timeoutMs: 20_000 });
    expect(bytesToHex(gate0.signer.publicKey)).toBe(gw0.publicKey);
    expect(bytesToHex(gate1.signer.publicKey)).toBe(gw1.publicKey);
  }, 60_000);

  afterAll(async () => {
    for (const id of created) await userClient.containerDelete(id, { wait: false }).catch(() => {});
    userClient?.close();
    gate0?.close();
    gate1?.close();
    process.stderr.write(`g3-tokens-on-node timings (ms): ${JSON.stringify(timings)}\n${nodeSays.join('\n')}\n`);
  });

  describe('(a) session token v1: container PUT and DELETE by the gate for the user', () => {
    let issued: IssueSecretResult;
    let mine: BoxTokens;
    let other: BoxTokens;

    beforeAll(async () => {
      issued = await timed('issueSecret g3 (new REP 1 container)', () =>
        issueSecret({
          store: userClient,
          userPrivateKey: userKey,
          gatePublicKeys: [gw0.publicKey, gw1.publicKey],
          container: { create: { placementPolicy: parsePlacementPolicy('REP 1') } },
          format: 'g3',
          lifetimeMs: 3_600_000,
          timeoutMs: 60_000,
          pollIntervalMs: 200,
        }),
      );
      const box = parseAccessKeyId(issued.accessKeyId);
      created.push(box.containerId);
      mine = await tokensFromBox(userClient, box, gw0Key);
      other = await tokensFromBox(userClient, box, gw1Key);
      // The default G3 rules: PUT, DELETE, SETEACL, SETATTRIBUTE, REMOVEATTRIBUTE.
      expect([...mine.sessions.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    }, 120_000);

    const userContainer = () =>
      newContainer({
        ownerId: userClient.ownerId, // owned by the user ...
        basicAcl: BASIC_ACL_AUTHMATE,
        placementPolicy: REP1,
        attributes: [
          { key: 'Timestamp', value: String(Math.floor(Date.now() / 1000)) },
          { key: 'Name', value: `g3-session-${randomBytes(4).toString('hex')}` },
        ],
      });

    it('the network refuses the gate creating a container for the user without a session token (control)', async () => {
      const c = userContainer();
      const since = irLogSize();
      const [line, status] = await timed('container PUT, no token (refused by IR)', () =>
        Promise.all([
          irRejection(since, [/container creation request failed check/, new RegExp(idOf(c)), /owner mismatches signature/]),
          gate0.containerPut(c, { wait: false, timeoutMs: 40_000 }).catch((e) => e),
        ]),
      );
      expect(line).toMatch(/error/);
      expect(status).toBeInstanceOf(ContainerAwaitTimeoutError);
      nodeSays.push(`container PUT without token: IR: ${line.split('\t').pop()}; node: ${status.message}`);
      await expect(userClient.containerGet(containerIdFromContainer(encodeContainer(c)))).rejects.toThrow(ContainerNotFoundError);
    }, 60_000);

    it("accepts the box's PUT token: the gate key creates a container owned by the user; DELETE token deletes it", async () => {
      const container = userContainer();
      const id = await timed('container PUT with box PUT token', () =>
        gate0.containerPut(container, {
          // ... while the request and the container are signed by the GATE key under the user's token.
          containerSigner: keySigner(gw0Key),
          sessionToken: mine.sessions.get(ContainerSessionVerb.PUT)!,
          wait: WAIT,
        }),
      );
      created.push(id);
      const got = await userClient.containerGet(id);
      expect(ownerIdToString(got.container.ownerId)).toBe(user.address);
      expect(got.container.attributes).toEqual(container.attributes);
      expect((await userClient.containerList()).map(containerIdToString)).toContain(containerIdToString(id));
      // An independent reader (Go neofs-cli of the node's version) sees the user as the owner.
      const cli = await net.neofsCli(user, ['container', 'get', '--cid', containerIdToString(id)]);
      expect(cli).toContain(user.address);
      expect(cli).not.toContain(gw0.address);

      // The DELETE token of the other gate is refused for gate 0's signature ...
      const since = irLogSize();
      const [delLine, delStatus] = await Promise.all([
        irRejection(since, [/delete container check failed/, /invalid signature calculated with session key/]),
        gate0
          .containerDelete(id, { containerSigner: keySigner(gw0Key), sessionToken: other.sessions.get(ContainerSessionVerb.DELETE)!, wait: false, timeoutMs: 40_000 })
          .catch((e) => e),
      ]);
      expect(delStatus).toBeInstanceOf(ContainerAwaitTimeoutError);
      nodeSays.push(`container DELETE with gw1's token signed by gw0: IR: ${delLine.split('\t').pop()}; node: ${delStatus.message}`);
      expect((await userClient.containerGet(id)).container.ownerId).toEqual(userClient.ownerId); // still there

      // ... and gate 0's own DELETE token deletes it.
      await timed('container DELETE with box DELETE token', () =>
        gate0.containerDelete(id, { containerSigner: keySigner(gw0Key), sessionToken: mine.sessions.get(ContainerSessionVerb.DELETE)!, wait: WAIT }),
      );
      await expect(userClient.containerGet(id)).rejects.toThrow(ContainerNotFoundError);
      created.splice(created.indexOf(id), 1);
    }, 200_000);

    it('refuses a PUT token issued for another gate key (session key mismatch)', async () => {
      const c = userContainer();
      const since = irLogSize();
      const [line, status] = await timed('container PUT with gw1 token signed by gw0 (refused by IR)', () =>
        Promise.all([
          irRejection(since, [/container creation request failed check/, new RegExp(idOf(c)), /invalid signature calculated with session key/]),
          gate0
            .containerPut(c, { containerSigner: keySigner(gw0Key), sessionToken: other.sessions.get(ContainerSessionVerb.PUT)!, wait: false, timeoutMs: 40_000 })
            .catch((e) => e),
        ]),
      );
      expect(status).toBeInstanceOf(ContainerAwaitTimeoutError);
      nodeSays.push(`container PUT with gw1's token signed by gw0: IR: ${line.split('\t').pop()}; node: ${status.message}`);
      await expect(userClient.containerGet(containerIdFromContainer(encodeContainer(c)))).rejects.toThrow(ContainerNotFoundError);
      // The same token works for the gate it was made for: the refusal is about the key, not the token.
      const id = await gate1.containerPut(userContainer(), {
        containerSigner: keySigner(gw1Key),
        sessionToken: other.sessions.get(ContainerSessionVerb.PUT)!,
        wait: WAIT,
      });
      created.push(id);
      expect(ownerIdToString((await userClient.containerGet(id)).container.ownerId)).toBe(user.address);
    }, 200_000);
  });

  describe('(b) bearer token: object PUT by the gate past an eACL DENY', () => {
    let cid: ContainerId;
    let allowPut: BoxTokens;
    let defaultTable: BoxTokens;
    const payload = () => new Uint8Array(randomBytes(1024));

    beforeAll(async () => {
      cid = await timed('user container eacl-public-read-write', () =>
        userClient.containerPut(
          newContainer({
            ownerId: userClient.ownerId,
            basicAcl: BASIC_ACL_EACL_PUBLIC_READ_WRITE,
            placementPolicy: REP1,
            attributes: [{ key: 'Timestamp', value: String(Math.floor(Date.now() / 1000)) }],
          }),
          { wait: WAIT },
        ),
      );
      created.push(cid);
      await timed('setEACL deny PUT for OTHERS', () =>
        userClient.containerSetEACL(
          encodeEACLTable({
            version: { major: 2, minor: 21 },
            containerId: cid,
            records: [{ operation: EACLOperation.PUT, action: EACLAction.DENY, filters: [], targets: [{ role: EACLRole.OTHERS, keys: [] }] }],
          }),
          { wait: WAIT },
        ),
      );
      // Box 1: --bearer-rules allowing PUT for OTHERS (the JSON form the CLI takes).
      const rules = eaclTableFromJSON({
        records: [
          { operation: 'PUT', action: 'ALLOW', filters: [], targets: [{ role: 'OTHERS', keys: [] }] },
          { operation: 'GET', action: 'ALLOW', filters: [], targets: [{ role: 'OTHERS', keys: [] }] },
        ],
      });
      const withRules = await timed('issueSecret g3 with bearer rules (existing container)', () =>
        issueSecret({ store: userClient, userPrivateKey: userKey, gatePublicKeys: [gw0.publicKey], container: { existing: cid }, format: 'g3', bearerRules: rules, lifetimeMs: 3_600_000 }),
      );
      allowPut = await tokensFromBox(userClient, parseAccessKeyId(withRules.accessKeyId), gw0Key);
      // Box 2: no --bearer-rules, i.e. authmate's default table (GET allowed, PUT and the rest denied).
      const withDefault = await issueSecret({ store: userClient, userPrivateKey: userKey, gatePublicKeys: [gw0.publicKey], container: { existing: cid }, format: 'g3', lifetimeMs: 3_600_000 });
      defaultTable = await tokensFromBox(userClient, parseAccessKeyId(withDefault.accessKeyId), gw0Key);
      // What the bearer tokens say, decoded from the box bytes.
      const b = decodeBearerToken(allowPut.bearer);
      expect(ownerIdToString(b.ownerId!)).toBe(gw0.address);
      expect(ownerIdToString(b.issuer!)).toBe(user.address);
    }, 200_000);

    it('denies the gate key an object PUT without a bearer token (eACL DENY PUT for OTHERS)', async () => {
      const err = await timed('object PUT, no bearer (denied)', () => gate0.objectPut({ containerId: cid, payload: payload() }).catch((e) => e));
      expect(err).toBeInstanceOf(AccessDeniedError);
      expect(err.message).toMatch(/OBJECT_PUT is denied by extended ACL check/);
      nodeSays.push(`no bearer: ${err.message}`);
    });

    it("accepts the gate key's object PUT with our bearer token allowing PUT, and the object reads back", async () => {
      const data = payload();
      const oid = await timed('object PUT with box bearer (accepted)', () => gate0.objectPut({ containerId: cid, payload: data, bearerToken: allowPut.bearer }));
      const head = await userClient.objectHead({ containerId: cid, objectId: oid });
      expect(ownerIdToString(head.header.ownerId)).toBe(gw0.address);
      const got = await userClient.objectGet({ containerId: cid, objectId: oid });
      expect(Buffer.from(got.payload).equals(Buffer.from(data))).toBe(true);
    });

    // g1 bearer tokens leave out `issuer` because the SDKs of g1 gateways (<= v0.30.0) drop it and
    // the signature with it; a current node insists on it, so g1 boxes are for the old networks
    // those gateways talk to. This pins that boundary.
    it("refuses a g1 box's bearer token (no issuer field) with 'missing issuer': g1 is for old networks", async () => {
      const rules = eaclTableFromJSON({ records: [{ operation: 'PUT', action: 'ALLOW', filters: [], targets: [{ role: 'OTHERS', keys: [] }] }] });
      const g1 = await issueSecret({ store: userClient, userPrivateKey: userKey, gatePublicKeys: [gw0.publicKey], container: { existing: cid }, format: 'g1', bearerRules: rules, lifetimeMs: 3_600_000 });
      const opened = openAccessBox((await userClient.objectGet(parseAccessKeyId(g1.accessKeyId))).payload, gw0Key);
      expect(opened.format).toBe('g1');
      expect(opened.bearerToken!.issuer).toBeUndefined();
      const err = await gate0.objectPut({ containerId: cid, payload: payload(), bearerToken: encodeBearerToken(opened.bearerToken!) }).catch((e) => e);
      expect(err).toBeInstanceOf(AccessDeniedError);
      expect(err.message).toMatch(/authenticate bearer token: missing issuer/);
      nodeSays.push(`g1 bearer without issuer: ${err.message}`);
    });

    it('refuses the PUT with our bearer token whose (default) rules deny PUT, where the container alone would allow it', async () => {
      // Same basic ACL, no eACL: OTHERS may PUT, so a refusal can only come from the bearer's table.
      const open = await userClient.containerPut(
        newContainer({
          ownerId: userClient.ownerId,
          basicAcl: BASIC_ACL_EACL_PUBLIC_READ_WRITE,
          placementPolicy: REP1,
          attributes: [{ key: 'Timestamp', value: String(Math.floor(Date.now() / 1000)) }],
        }),
        { wait: WAIT },
      );
      created.push(open);
      await gate0.objectPut({ containerId: open, payload: payload() }); // allowed without a token
      const table = decodeBearerToken(defaultTable.bearer).eaclTable;
      expect(bytesToHex(table!)).toBe(DEFAULT_BEARER_TABLE_HEX); // authmate v0.42's default (no container ID)
      const err = await timed('object PUT with default-table bearer (denied)', () =>
        gate0.objectPut({ containerId: open, payload: payload(), bearerToken: defaultTable.bearer }).catch((e) => e),
      );
      expect(err).toBeInstanceOf(AccessDeniedError);
      expect(err.message).toMatch(/OBJECT_PUT is denied by extended ACL check: denied by rule/);
      nodeSays.push(`default-table bearer: ${err.message}`);
      // ... and the allowing bearer token works there too (its table names no container either).
      await gate0.objectPut({ containerId: open, payload: payload(), bearerToken: allowPut.bearer });
    }, 120_000);

    it("refuses gate 0's bearer token presented by gate 1 (token owner = gate 0's user id)", async () => {
      const err = await gate1.objectPut({ containerId: cid, payload: payload(), bearerToken: allowPut.bearer }).catch((e) => e);
      expect(err).toBeInstanceOf(AccessDeniedError);
      expect(err.message).toMatch(/bearer token owner differs from the request sender/);
      nodeSays.push(`gw0 bearer used by gw1: ${err.message}`);
    });
  });
});
