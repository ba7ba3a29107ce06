/**
 * The issue/obtain core through the in-memory store: every box generation, 1, 8 and 9 gates
 * (a g4 token holds at most 8 subjects), `%CID` rules, a new and an existing container, and the
 * local checks (which must leave the store untouched).
 */
import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import {
  MemoryNetwork,
  issuePrepared,
  issueSecret,
  obtainSecret,
  parseAccessKeyId,
  planIssue,
  prepareIssue,
  type IssueSecretResult,
} from '../../src/authmate/index.js';
import type { AccessBoxFormat } from '../../src/box/box.js';
import { publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { randomScalar } from '../../src/crypto/p256-native.js';
import { AuthmateError, InvalidOptionError } from '../../src/errors.js';
import { decodeContainer } from '../../src/neofs/container.js';
import { ownerIdFromPublicKey, parseContainerId } from '../../src/neofs/refs.js';
import { decodeEACLTable } from '../../src/policy/eacl.js';
import { decodePlacementPolicy } from '../../src/policy/placement.js';
import { ContainerSessionVerb } from '../../src/tokens/session-v1.js';
import { SessionVerb } from '../../src/tokens/session-v2.js';

const user = randomScalar();
const userPub = publicKeyFromPrivate(user);
const userOwner = Buffer.from(ownerIdFromPublicKey(userPub));
const gates = Array.from({ length: 9 }, () => randomScalar());
const gatePubs = gates.map((k) => publicKeyFromPrivate(k));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

async function issueAndOpenAll(format: AccessBoxFormat, gateCount: number, extra: Partial<Parameters<typeof issueSecret>[0]> = {}) {
  const net = new MemoryNetwork();
  const store = net.as(user);
  const creds = await issueSecret({
    store,
    userPrivateKey: user,
    gatePublicKeys: gatePubs.slice(0, gateCount).map(hex),
    format,
    lifetimeMs: 3_600_000,
    ...extra,
  });
  const opened = [];
  for (let i = 0; i < gateCount; i++) {
    // Each gate reads with its own key; a gate that is not in the box reads nothing.
    const got = await obtainSecret({ store: net.as(gates[i]!), accessKeyId: creds.accessKeyId, gatePrivateKey: gates[i]! });
    expect(got.secretAccessKey).toBe(creds.secretAccessKey);
    expect(got.format).toBe(format);
    opened.push(got.box);
  }
  return { net, creds, opened };
}

describe('issueSecret → obtainSecret through the memory store', () => {
  for (const format of ['g1', 'g2', 'g3', 'g4'] as const) {
    for (const n of [1, 8, 9]) {
      it(`${format}, ${n} gate key(s): every gate opens the same secret; another key opens nothing`, async () => {
        const { net, creds, opened } = await issueAndOpenAll(format, n);
        expect(creds.accessKeyId).toBe(`${creds.containerId}0${creds.objectId}`);
        expect(creds.containerCreated).toBe(true);
        expect(creds.walletPublicKey).toBe(hex(userPub));
        expect(net.calls.filter((c) => c === 'containerPut' || c === 'objectPut')).toEqual(['containerPut', 'objectPut']);
        const stranger = randomScalar();
        await expect(obtainSecret({ store: net.as(stranger), accessKeyId: creds.accessKeyId, gatePrivateKey: stranger })).rejects.toMatchObject({
          code: 'NO_GATE_DATA',
        });

        for (const [i, box] of opened.entries()) {
          if (format === 'g4') {
            const t = box.sessionTokenV2!;
            expect(Buffer.from(t.issuer!)).toEqual(userOwner);
            // ≤ 8 subjects per token: gate 9 has a token of its own
            expect(t.subjects.length).toBe(n <= 8 ? n : i < 8 ? 8 : 1);
            expect(box.bearerToken).toBeUndefined();
            expect(box.sessionTokens).toEqual([]);
          } else {
            const b = box.bearerToken!;
            // G1 gateways (<= v0.30.0) drop the issuer field and its signature; later ones need it
            if (format === 'g1') expect(b.issuer).toBeUndefined();
            else expect(Buffer.from(b.issuer!)).toEqual(userOwner);
            expect(Buffer.from(b.ownerId!)).toEqual(Buffer.from(ownerIdFromPublicKey(gatePubs[i]!)));
            expect(decodeEACLTable(b.eaclTable!).records.length).toBe(7); // Go's default table
            // the five default container verbs of v0.42, each for this gate's key
            expect(box.sessionTokens.map((s) => s.context && 'verb' in s.context ? s.context.verb : undefined)).toEqual([
              ContainerSessionVerb.PUT,
              ContainerSessionVerb.DELETE,
              ContainerSessionVerb.SETEACL,
              ContainerSessionVerb.SETATTRIBUTE,
              ContainerSessionVerb.REMOVEATTRIBUTE,
            ]);
            for (const s of box.sessionTokens) expect(hex(s.sessionKey!)).toBe(hex(gatePubs[i]!));
          }
        }
      });
    }
  }

  it('an existing container: no container is created, the box goes there', async () => {
    const net = new MemoryNetwork();
    const store = net.as(user);
    const first = await issueSecret({ store, userPrivateKey: user, gatePublicKeys: [hex(gatePubs[0]!)] });
    net.calls.length = 0;
    const second = await issueSecret({ store, userPrivateKey: user, gatePublicKeys: [hex(gatePubs[0]!)], container: { existing: first.containerId } });
    expect(second.containerId).toBe(first.containerId);
    expect(second.containerCreated).toBe(false);
    expect(net.calls).toEqual(['networkInfo', 'containerGet', 'objectPut']);
    const got = await obtainSecret({ store, accessKeyId: second.accessKeyId, gatePrivateKey: gates[0]! });
    expect(got.secretAccessKey).toBe(second.secretAccessKey);
  });

  it('onContainerCreating names the new container before it is created (a failure after it can say so), never an existing one', async () => {
    const net = new MemoryNetwork();
    const seen: { cid: string; callsBefore: string[] }[] = [];
    const first = await issueSecret({
      store: net.as(user),
      userPrivateKey: user,
      gatePublicKeys: [gatePubs[0]!],
      onContainerCreating: (cid) => seen.push({ cid, callsBefore: [...net.calls] }),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.cid).toBe(first.containerId);
    expect(seen[0]!.callsBefore).not.toContain('containerPut');
    await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gatePubs[0]!], container: { existing: first.containerId }, onContainerCreating: () => seen.push({ cid: 'x', callsBefore: [] }) });
    expect(seen).toHaveLength(1);
  });

  it('an existing container that is absent: a typed error and nothing written', async () => {
    const net = new MemoryNetwork();
    const absent = bs58.encode(new Uint8Array(32).fill(9));
    await expect(issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gatePubs[0]!], container: { existing: absent } })).rejects.toMatchObject({
      code: 'BOX_CONTAINER_NOT_FOUND',
      field: 'containerId',
    });
    expect(net.calls).not.toContain('objectPut');
  });

  it('an existing container looked up early (existingContainer): that lookup is used, not a second Get; its not-found is the typed error', async () => {
    const net = new MemoryNetwork();
    const store = net.as(user);
    const first = await issueSecret({ store, userPrivateKey: user, gatePublicKeys: [gatePubs[0]!] });
    const prepared = prepareIssue({ gatePublicKeys: [gatePubs[0]!], container: { existing: first.containerId } });
    const cid = parseContainerId(first.containerId);
    const early = store.containerGet(cid);
    net.calls.length = 0;
    const second = await issuePrepared(prepared, { store, userPrivateKey: user, existingContainer: early });
    expect(net.calls).toEqual(['networkInfo', 'objectPut']);
    expect((await obtainSecret({ store, accessKeyId: second.accessKeyId, gatePrivateKey: gates[0]! })).secretAccessKey).toBe(second.secretAccessKey);

    const absent = parseContainerId(bs58.encode(new Uint8Array(32).fill(9)));
    const missing = store.containerGet(absent);
    missing.catch(() => {});
    net.calls.length = 0;
    await expect(
      issuePrepared(prepareIssue({ gatePublicKeys: [gatePubs[0]!], container: { existing: bs58.encode(new Uint8Array(32).fill(9)) } }), { store, userPrivateKey: user, existingContainer: missing }),
    ).rejects.toMatchObject({ code: 'BOX_CONTAINER_NOT_FOUND', field: 'containerId' });
    expect(net.calls).toEqual(['networkInfo']);
  });

  it('a new container is what Go authmate makes: the user owns it, the policy, basic ACL and attributes', async () => {
    const net = new MemoryNetwork({ homomorphicHashingDisabled: true });
    const creds = await issueSecret({
      store: net.as(user),
      userPrivateKey: user,
      gatePublicKeys: [gatePubs[0]!],
      container: { create: { placementPolicy: 'REP 1', friendlyName: 'creds' } },
      now: () => 1_700_000_000_000,
    });
    const c = net.containers.get(creds.containerId)!;
    const decoded = decodeContainer(c.bytes);
    expect(Buffer.from(decoded.ownerId)).toEqual(userOwner);
    expect(decoded.basicAcl).toBe(0x1c8c8cce);
    expect(decodePlacementPolicy(decoded.placementPolicy).replicas).toEqual([{ count: 1, selector: '' }]);
    expect(decoded.attributes).toEqual([
      { key: 'Timestamp', value: '1700000000' },
      { key: 'Name', value: 'creds' },
      { key: '__NEOFS__NAME', value: 'creds' },
      { key: '__NEOFS__ZONE', value: 'container' },
      { key: '__NEOFS__DISABLE_HOMOMORPHIC_HASHING', value: 'true' },
    ]);
    // the box object: expiration = current epoch 10 + ceil(3600 s / 240 s)... here the default 720h
    const obj = net.objects.get(`${creds.containerId}/${creds.objectId}`)!;
    expect(obj.header.attributes.map((a) => a.key)).toEqual(['Timestamp', 'FilePath', '__NEOFS__EXPIRATION_EPOCH', '__NEOFS__NONCE']);
    expect(obj.header.attributes[2]!.value).toBe(String(10 + (720 * 3600) / 240));
    expect(creds.expirationEpoch).toBe(10n + 10800n);
  });

  it('%CID in bearer and session rules names the box container (known before it exists)', async () => {
    const { creds, opened } = await issueAndOpenAll('g3', 2, {
      bearerRules: '{"containerID":{"value":"%CID"},"records":[{"operation":"PUT","action":"ALLOW","filters":[],"targets":[{"role":"OTHERS","keys":[]}]}]}',
      sessionRules: '[{"verb":"DELETE","containerID":"%CID"}]',
    });
    const cid = Buffer.from(parseContainerId(creds.containerId));
    for (const box of opened) {
      expect(Buffer.from(decodeEACLTable(box.bearerToken!.eaclTable!).containerId!)).toEqual(cid);
      expect(box.sessionTokens).toHaveLength(1);
      const ctx = box.sessionTokens[0]!.context as { verb: number; containerId?: Uint8Array };
      expect(ctx.verb).toBe(ContainerSessionVerb.DELETE);
      expect(Buffer.from(ctx.containerId!)).toEqual(cid);
    }
  });

  it('g4 session rules limited to a container become one v2 context for it', async () => {
    const limited = bs58.encode(new Uint8Array(32).fill(3));
    const { opened } = await issueAndOpenAll('g4', 1, { sessionRules: `[{"verb":"OBJECT_GET","containerID":"${limited}"}]` });
    const contexts = opened[0]!.sessionTokenV2!.contexts;
    expect(contexts).toHaveLength(1);
    expect(bs58.encode(contexts[0]!.containerId!)).toBe(limited);
    expect(contexts[0]!.verbs).toEqual([SessionVerb.OBJECT_GET]);
  });
});

describe('prepareIssue: every local check, in the Go order, before anything is written', () => {
  const gate = hex(gatePubs[0]!);
  const cases: { name: string; input: Parameters<typeof prepareIssue>[0]; code: string; field: string; position?: string }[] = [
    { name: 'malformed container id', input: { gatePublicKeys: ['zz'], container: { existing: '111' } }, code: 'NEOFS_FORMAT', field: 'containerId' },
    { name: 'no gate keys', input: { gatePublicKeys: [] }, code: 'GATE_KEY_MISSING', field: 'gatePublicKeys' },
    { name: 'second gate key malformed', input: { gatePublicKeys: [gate, '0346'] }, code: 'GATE_KEY_INVALID', field: 'gatePublicKeys', position: '2' },
    { name: 'a gate key twice', input: { gatePublicKeys: [gate, gate] }, code: 'GATE_KEY_DUPLICATE', field: 'gatePublicKeys', position: '2' },
    { name: 'zero lifetime', input: { gatePublicKeys: [gate], lifetimeMs: 0 }, code: 'LIFETIME_NOT_POSITIVE', field: 'lifetime' },
    { name: 'lifetime beyond Go', input: { gatePublicKeys: [gate], lifetimeMs: 1e16 }, code: 'LIFETIME_TOO_LONG', field: 'lifetime' },
    { name: 'container policies not JSON', input: { gatePublicKeys: [gate], containerPolicies: '{"eu":' }, code: 'JSON_INPUT', field: 'containerPolicies', position: '1:7' },
    { name: 'bearer rules with g4', input: { gatePublicKeys: [gate], format: 'g4', bearerRules: '{"records":[]}' }, code: 'BEARER_RULES_UNSUPPORTED', field: 'bearerRules' },
    { name: 'bearer rule of an unknown operation', input: { gatePublicKeys: [gate], bearerRules: '{"records":[{"operation":"GETX"}]}' }, code: 'JSON_FIELD', field: 'bearerRules', position: 'records[0].operation' },
    { name: 'unknown session verb', input: { gatePublicKeys: [gate], format: 'g3', sessionRules: '[{"verb":"FOO"}]' }, code: 'JSON_FIELD', field: 'sessionRules', position: '[0].verb' },
    { name: 'object verb in a g3 box', input: { gatePublicKeys: [gate], format: 'g3', sessionRules: [{ verb: SessionVerb.OBJECT_GET }] }, code: 'SESSION_RULES_UNSUPPORTED', field: 'sessionRules' },
    { name: 'g4 without session rules', input: { gatePublicKeys: [gate], format: 'g4', sessionRules: 'none' }, code: 'SESSION_RULES_EMPTY', field: 'sessionRules' },
    { name: 'bad placement policy', input: { gatePublicKeys: [gate], container: { create: { placementPolicy: 'REP X' } } }, code: 'PLACEMENT_POLICY_SYNTAX', field: 'placementPolicy', position: '1:5' },
    { name: 'basic ACL out of range', input: { gatePublicKeys: [gate], container: { create: { basicAcl: 2 ** 32 } } }, code: 'BASIC_ACL_INVALID', field: 'basicAcl' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code} on ${c.field}`, async () => {
      let err: unknown;
      try {
        prepareIssue(c.input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AuthmateError);
      expect(err).toMatchObject({ code: c.code, field: c.field, ...(c.position ? { position: c.position } : {}) });
      // and through issueSecret: the store sees nothing at all
      const net = new MemoryNetwork();
      await expect(issueSecret({ ...c.input, store: net.as(user), userPrivateKey: user })).rejects.toMatchObject({ code: c.code });
      expect(net.calls).toEqual([]);
    });
  }

  it('InvalidOptionError is an AuthmateError with a field', () => {
    const e = new InvalidOptionError('X', 'lifetime', 'm');
    expect(e).toBeInstanceOf(AuthmateError);
    expect(e).toMatchObject({ code: 'X', field: 'lifetime', name: 'InvalidOptionError' });
  });
});

describe('planIssue is pure: network facts in, everything to write out', () => {
  it('the same facts and randomness give the same container and attributes; the box opens', () => {
    const prepared = prepareIssue({ gatePublicKeys: [gatePubs[0]!], format: 'g3' });
    let seed = 0;
    const random = (n: number) => Uint8Array.from({ length: n }, () => seed++ & 0xff);
    const facts = { userPrivateKey: user, network: { currentEpoch: 5n, epochDuration: 60n, homomorphicHashingDisabled: false }, now: 1_000_000 };
    seed = 0;
    const a = planIssue(prepared, { ...facts, random });
    seed = 0;
    const b = planIssue(prepared, { ...facts, random });
    expect(Buffer.from(a.containerId)).toEqual(Buffer.from(b.containerId));
    expect(a.attributes).toEqual(b.attributes);
    expect(a.expirationEpoch).toBe(5n + (720n * 3600n) / 60n);
    expect(a.containerToCreate).toBeDefined();
  });
});

describe('parseAccessKeyId', () => {
  it('refuses malformed ids with a typed error on accessKeyId', () => {
    expect(() => parseAccessKeyId('abc')).toThrow(expect.objectContaining({ code: 'ACCESS_KEY_ID_INVALID', field: 'accessKeyId' }));
  });
  it('round-trips an id the core made', async () => {
    const net = new MemoryNetwork();
    const r: IssueSecretResult = await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gatePubs[0]!] });
    const a = parseAccessKeyId(r.accessKeyId);
    expect(bs58.encode(a.containerId)).toBe(r.containerId);
    expect(bs58.encode(a.objectId)).toBe(r.objectId);
  });
});
