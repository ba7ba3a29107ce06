/**
 * inspect and revoke through the in-memory store: boxes of all four generations, with and without
 * a gate key, tampered token signatures reported (not thrown), offline files, and revoke's
 * ownership and box checks.
 */
import { describe, expect, it } from 'vitest';
import { MemoryNetwork, inspectAccessBox, inspectFile, issueSecret, obtainSecret, revokeAccessBox } from '../../src/authmate/index.js';
import { decodeAccessBoxMessage, decodeTokensV2Message, encodeAccessBoxMessage, encodeTokensV2Message } from '../../src/box/accessbox.js';
import { buildAccessBox, type AccessBoxFormat } from '../../src/box/box.js';
import { addressFromPublicKey, publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { randomScalar } from '../../src/crypto/p256-native.js';
import { objectIdToString, parseContainerId } from '../../src/neofs/refs.js';
import { encodeSessionTokenAs } from '../../src/session/file.js';
import { encodeBearerToken, issueGateBearerToken } from '../../src/tokens/bearer.js';
import { ContainerSessionVerb, issueGateSessionToken } from '../../src/tokens/session-v1.js';
import { decodeSessionTokenV2, encodeSessionTokenV2 } from '../../src/tokens/session-v2.js';
import { encodeEACLTable, defaultBearerTable } from '../../src/policy/eacl.js';

const user = randomScalar();
const other = randomScalar();
const gates = [randomScalar(), randomScalar()];
const gatePubs = gates.map((k) => publicKeyFromPrivate(k));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const userAddress = addressFromPublicKey(publicKeyFromPrivate(user));
const gateAddresses = gatePubs.map(addressFromPublicKey);

async function issued(format: AccessBoxFormat, net = new MemoryNetwork({ currentEpoch: 100n, epochDuration: 60n })) {
  const creds = await issueSecret({
    store: net.as(user),
    userPrivateKey: user,
    gatePublicKeys: gatePubs.map(hex),
    format,
    lifetimeMs: 3_600_000,
    containerPolicies: '{"eu":"REP 1"}',
  });
  return { net, creds };
}

type R = Record<string, any>;

describe('inspectAccessBox', () => {
  for (const format of ['g1', 'g2', 'g3', 'g4'] as const) {
    it(`${format}: without a key — generation, gates, policies, owner, expiration; no secret, no gate section`, async () => {
      const { net, creds } = await issued(format);
      const r: R = await inspectAccessBox({ store: net.as(other), accessKeyId: creds.accessKeyId });
      expect(r.accessKeyId).toBe(creds.accessKeyId);
      expect(r.object).toMatchObject({ containerId: creds.containerId, objectId: creds.objectId, owner: userAddress, creationEpoch: '100' });
      expect(r.object.attributes.__NEOFS__EXPIRATION_EPOCH).toBe(String(creds.expirationEpoch));
      // 3600 s at 60 s per epoch: 60 epochs (+1 rounding up of a partial epoch in lifetimeToEpochs)
      expect(r.expiration).toMatchObject({ epoch: String(creds.expirationEpoch), currentEpoch: '100', expired: false, epochsLeft: String(creds.expirationEpoch - 100n) });
      expect(BigInt(r.expiration.timeLeftAtLeastSeconds)).toBe((creds.expirationEpoch - 100n) * 60n);
      expect(r.box.containerPolicies).toEqual([{ locationConstraint: 'eu', policy: 'REP 1' }]);
      expect(r.gate).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain(creds.secretAccessKey);
      if (format === 'g4') {
        expect(r.box.format).toBe('g4');
        expect(r.box.gateCount).toBe(2);
        const t = r.box.sessionTokensV2[0];
        expect(t.subjects).toEqual(gateAddresses);
        expect(t.issuer).toBe(userAddress);
        expect(t.signature.valid).toBe(true);
        expect(t.problem).toBeNull();
        expect(t.contexts[0].verbs).toContain('OBJECT_GET');
        expect(r.tokenExpiration.expired).toBe(false);
      } else {
        expect(r.box.format).toBe('g1-g3');
        expect(r.box.gatePublicKeys).toEqual(gatePubs.map(hex));
      }
    });

    it(`${format}: with a gate key — its tokens, each signature verified; the secret only with showSecret`, async () => {
      const { net, creds } = await issued(format);
      const r: R = await inspectAccessBox({ store: net.as(gates[1]!), accessKeyId: creds.accessKeyId, gatePrivateKey: gates[1]! });
      expect(r.gate).toMatchObject({ publicKey: hex(gatePubs[1]!), address: gateAddresses[1], format, allSignaturesValid: true });
      expect(r.gate.secretAccessKey).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain(creds.secretAccessKey);
      const tokens: R[] = r.gate.tokens;
      if (format === 'g4') {
        expect(tokens).toHaveLength(1);
        expect(tokens[0]).toMatchObject({ type: 'session-v2', issuer: userAddress, subjects: gateAddresses });
        expect(tokens[0]!.lifetimeUnix.expTime).toMatch(/^\d{4}-\d\d-\d\dT/);
      } else {
        const [bearer, ...sessions] = tokens;
        expect(bearer).toMatchObject({ type: 'bearer', user: gateAddresses[1], issuer: format === 'g1' ? null : userAddress });
        expect(bearer!.lifetimeEpochs).toEqual({ iat: '100', nbf: '100', exp: String(creds.expirationEpoch) });
        expect(bearer!.eacl.records[0]).toMatchObject({ operation: 'GET', action: 'ALLOW' });
        expect(sessions.map((s) => s.context.verb)).toEqual(['PUT', 'DELETE', 'SETEACL', 'SETATTRIBUTE', 'REMOVEATTRIBUTE']);
        for (const s of sessions) expect(s).toMatchObject({ issuer: userAddress, sessionKey: hex(gatePubs[1]!), context: { kind: 'container', container: '*' } });
      }
      for (const t of tokens) expect(t.signature).toMatchObject({ valid: true, scheme: 'ECDSA_RFC6979_SHA256' });

      const shown: R = await inspectAccessBox({ store: net.as(gates[0]!), accessKeyId: creds.accessKeyId, gatePrivateKey: gates[0]!, showSecret: true });
      expect(shown.gate.secretAccessKey).toBe(creds.secretAccessKey);
    });

    it(`${format}: a key that is not a gate of the box is refused (NO_GATE_DATA)`, async () => {
      const { net, creds } = await issued(format);
      await expect(inspectAccessBox({ store: net.as(other), accessKeyId: creds.accessKeyId, gatePrivateKey: other })).rejects.toMatchObject({ code: 'NO_GATE_DATA' });
    });
  }

  it('g4 with a flipped byte in the token signature: reported as invalid, the secret still opens', async () => {
    const { net, creds } = await issued('g4');
    const [key, obj] = [...net.objects.entries()][0]!;
    expect(key).toContain(creds.objectId);
    const box = decodeAccessBoxMessage(obj.payload);
    const token = decodeSessionTokenV2(decodeTokensV2Message(box.gates[0]!.tokens).sessionTokenV2);
    token.signature!.sign[10]! ^= 0x01;
    box.gates[0]!.tokens = encodeTokensV2Message({ sessionTokenV2: encodeSessionTokenV2(token) });
    const oid = await net.as(user).objectPut({ containerId: parseContainerId(creds.containerId), payload: encodeAccessBoxMessage(box) });
    const id = `${creds.containerId}0${objectIdToString(oid)}`;

    const r: R = await inspectAccessBox({ store: net.as(gates[0]!), accessKeyId: id, gatePrivateKey: gates[0]!, showSecret: true });
    expect(r.box.sessionTokensV2[0].signature.valid).toBe(false);
    expect(r.box.sessionTokensV2[0].signature.error).toMatch(/signature/);
    expect(r.gate.tokens[0].signature.valid).toBe(false);
    expect(r.gate.allSignaturesValid).toBe(false);
    expect(r.gate.secretAccessKey).toBe(creds.secretAccessKey);
    // obtain (which verifies) refuses the same box
    await expect(obtainSecret({ store: net.as(gates[0]!), accessKeyId: id, gatePrivateKey: gates[0]! })).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('g3 with a bad bearer signature inside the sealed entry: reported, the session tokens still valid', async () => {
    const net = new MemoryNetwork();
    const store = net.as(user);
    const issuedNet = await issued('g3', net);
    const cid = parseContainerId(issuedNet.creds.containerId);
    const bearer = issueGateBearerToken({ eaclTable: encodeEACLTable(defaultBearerTable()), gatePublicKey: gatePubs[0]!, iat: 10, exp: 20, userPrivateKey: user });
    bearer.signature!.sign[3]! ^= 0x80;
    const session = issueGateSessionToken({ verb: ContainerSessionVerb.PUT, gatePublicKey: gatePubs[0]!, iat: 10, exp: 20, userPrivateKey: user });
    const built = buildAccessBox({ format: 'g3', secret: new Uint8Array(32).fill(7), gates: [{ publicKey: gatePubs[0]!, bearerToken: bearer, sessionTokens: [session] }] });
    const oid = await store.objectPut({ containerId: cid, payload: built.box });
    const r: R = await inspectAccessBox({ store, accessKeyId: `${issuedNet.creds.containerId}0${objectIdToString(oid)}`, gatePrivateKey: gates[0]! });
    expect(r.gate.format).toBe('g3');
    expect(r.gate.tokens[0].signature.valid).toBe(false);
    expect(r.gate.tokens[1].signature.valid).toBe(true);
    expect(r.gate.allSignaturesValid).toBe(false);
    expect(r.expiration).toBeNull(); // no expiration attribute on this object
  });

  it('an object that is not an access box: NOT_A_BOX on accessKeyId', async () => {
    const { net, creds } = await issued('g3');
    for (const payload of [new TextEncoder().encode('hello, not a box'), new Uint8Array(0), new Uint8Array([0x0a, 0x03, 1, 2, 3])]) {
      const oid = await net.as(user).objectPut({ containerId: parseContainerId(creds.containerId), payload });
      await expect(inspectAccessBox({ store: net.as(user), accessKeyId: `${creds.containerId}0${objectIdToString(oid)}` })).rejects.toMatchObject({
        code: 'NOT_A_BOX',
        field: 'accessKeyId',
      });
    }
  });

  it('a malformed access key id fails before any read', async () => {
    const net = new MemoryNetwork();
    await expect(inspectAccessBox({ store: net.as(user), accessKeyId: 'not-an-id' })).rejects.toMatchObject({ code: 'ACCESS_KEY_ID_INVALID', field: 'accessKeyId' });
    expect(net.calls).toEqual([]);
  });
});

describe('inspectFile (offline)', () => {
  it('an access box file, with and without a gate key', async () => {
    const { net, creds } = await issued('g3');
    const payload = [...net.objects.values()][0]!.payload;
    const r: R = inspectFile(payload);
    expect(r).toMatchObject({ kind: 'access-box', box: { format: 'g1-g3', gatePublicKeys: gatePubs.map(hex) } });
    const opened: R = inspectFile(Buffer.from(payload), { gatePrivateKey: gates[0]!, showSecret: true });
    expect(opened.gate).toMatchObject({ format: 'g3', secretAccessKey: creds.secretAccessKey });
  });

  it('bearer, session v1 (binary and JSON) and session v2 token files', async () => {
    const bearer = issueGateBearerToken({ eaclTable: encodeEACLTable(defaultBearerTable()), gatePublicKey: gatePubs[0]!, iat: 5, exp: 9, userPrivateKey: user });
    expect(inspectFile(encodeBearerToken(bearer))).toMatchObject({
      kind: 'bearer-token',
      token: { issuer: userAddress, user: gateAddresses[0], lifetimeEpochs: { exp: '9' }, signature: { valid: true } },
    });
    const session = issueGateSessionToken({ verb: ContainerSessionVerb.SETEACL, gatePublicKey: gatePubs[0]!, iat: 5, exp: 9, userPrivateKey: user });
    for (const encoding of ['binary', 'json'] as const) {
      expect(inspectFile(encodeSessionTokenAs(session, encoding))).toMatchObject({
        kind: 'session-token-v1',
        encoding,
        token: { issuer: userAddress, sessionKey: hex(gatePubs[0]!), context: { verb: 'SETEACL', container: '*' }, signature: { valid: true } },
      });
    }
    const { net } = await issued('g4');
    const box = decodeAccessBoxMessage([...net.objects.values()][0]!.payload);
    const v2 = decodeTokensV2Message(box.gates[0]!.tokens).sessionTokenV2;
    expect(inspectFile(v2)).toMatchObject({ kind: 'session-token-v2', token: { issuer: userAddress, subjects: gateAddresses, signature: { valid: true } } });
    const bad = decodeSessionTokenV2(v2);
    bad.lifetime = { ...bad.lifetime!, exp: BigInt(bad.lifetime!.exp) + 1n }; // body changed after signing
    expect(inspectFile(encodeSessionTokenV2(bad))).toMatchObject({ token: { signature: { valid: false } } });
  });

  it('anything else is UNKNOWN_FILE on field file', () => {
    for (const bytes of [new TextEncoder().encode('hello'), new TextEncoder().encode('{"not":"a token"}'), new Uint8Array(0)]) {
      expect(() => inspectFile(bytes)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_FILE', field: 'file' }));
    }
  });
});

describe('revokeAccessBox', () => {
  it('deletes the own box; obtain fails afterwards', async () => {
    const { net, creds } = await issued('g4');
    const r = await revokeAccessBox({ store: net.as(user), userPrivateKey: user, accessKeyId: creds.accessKeyId });
    expect(r.accessKeyId).toBe(creds.accessKeyId);
    expect(r.tombstone.startsWith(`${creds.containerId}/`)).toBe(true);
    expect(net.calls.slice(-2)).toEqual(['objectGet', 'objectDelete']);
    await expect(obtainSecret({ store: net.as(gates[0]!), accessKeyId: creds.accessKeyId, gatePrivateKey: gates[0]! })).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND' });
  });

  it("refuses another user's box (NOT_BOX_OWNER) and leaves it", async () => {
    const { net, creds } = await issued('g3');
    const before = net.objects.size;
    await expect(revokeAccessBox({ store: net.as(other), userPrivateKey: other, accessKeyId: creds.accessKeyId })).rejects.toMatchObject({
      code: 'NOT_BOX_OWNER',
      field: 'accessKeyId',
      message: expect.stringContaining(userAddress),
    });
    expect(net.calls).not.toContain('objectDelete');
    expect(net.objects.size).toBe(before);
  });

  it('refuses an object that is not an access box (NOT_A_BOX) and leaves it', async () => {
    const { net, creds } = await issued('g3');
    const oid = await net.as(user).objectPut({ containerId: parseContainerId(creds.containerId), payload: new TextEncoder().encode('my photo') });
    await expect(revokeAccessBox({ store: net.as(user), userPrivateKey: user, accessKeyId: `${creds.containerId}0${objectIdToString(oid)}` })).rejects.toMatchObject({
      code: 'NOT_A_BOX',
      field: 'accessKeyId',
    });
    expect(net.calls).not.toContain('objectDelete');
  });
});
