/**
 * Rule presets (what each one puts into g4 and g3 boxes, limited to a bucket found by name) and
 * batch issuance (order, isolation of failures, failFast, the concurrency bound, one NetworkInfo),
 * through the in-memory store.
 */
import { describe, expect, it } from 'vitest';
import {
  BatchSkippedError,
  MemoryNetwork,
  issueSecret,
  issueSecrets,
  obtainSecret,
  prepareIssue,
  type AuthmateStore,
  type IssueInput,
} from '../../src/authmate/index.js';
import { publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { randomScalar } from '../../src/crypto/p256-native.js';
import { newContainer } from '../../src/neofs/container.js';
import { containerIdToString, ownerIdFromPublicKey } from '../../src/neofs/refs.js';
import { EACLAction, EACLOperation, decodeEACLTable } from '../../src/policy/eacl.js';
import { presetRules } from '../../src/policy/presets.js';
import { encodePlacementPolicy } from '../../src/policy/placement.js';
import { parsePlacementPolicy } from '../../src/policy/placement-ql.js';
import { ContainerSessionVerb } from '../../src/tokens/session-v1.js';
import { SessionVerb as V } from '../../src/tokens/session-v2.js';

const user = randomScalar();
const gate = randomScalar();
const gateHex = Buffer.from(publicKeyFromPrivate(gate)).toString('hex');

/** A container of `owner` named `name` (as a gateway makes for a bucket). */
async function bucket(net: MemoryNetwork, owner: Uint8Array, name: string, nonce = 1): Promise<string> {
  const c = newContainer({
    ownerId: ownerIdFromPublicKey(publicKeyFromPrivate(owner)),
    basicAcl: 0,
    placementPolicy: encodePlacementPolicy(parsePlacementPolicy('REP 1')),
    attributes: [{ key: 'Name', value: name }],
    nonce: Uint8Array.from({ length: 16 }, (_, i) => (i === 6 ? 0x40 : i === 8 ? 0x80 : nonce)), // UUIDv4
  });
  return containerIdToString(await net.as(owner).containerPut(c));
}

async function issueAndOpen(net: MemoryNetwork, input: Partial<IssueInput>) {
  const creds = await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gateHex], ...input });
  return (await obtainSecret({ store: net.as(gate), accessKeyId: creds.accessKeyId, gatePrivateKey: gate })).box;
}

const READ = [V.OBJECT_GET, V.OBJECT_HEAD, V.OBJECT_SEARCH, V.OBJECT_RANGE];

describe('presets', () => {
  const g4Verbs: [string, V[]][] = [
    ['read-only', READ],
    ['read-write', [...READ, V.OBJECT_PUT, V.OBJECT_DELETE]],
    ['full', [...READ, V.OBJECT_PUT, V.OBJECT_DELETE, V.CONTAINER_PUT, V.CONTAINER_DELETE, V.CONTAINER_SETEACL]],
    ['put-only', [V.OBJECT_PUT, V.OBJECT_SEARCH]],
  ];
  for (const [preset, verbs] of g4Verbs) {
    it(`g4 ${preset}: one wildcard context with exactly its verbs`, async () => {
      const box = await issueAndOpen(new MemoryNetwork(), { preset });
      expect(box.format).toBe('g4');
      const contexts = box.sessionTokenV2!.contexts;
      expect(contexts).toHaveLength(1);
      expect(contexts[0]!.containerId).toBeUndefined();
      expect(contexts[0]!.verbs).toEqual([...verbs].sort((a, b) => a - b));
    });
  }

  const g3: [string, number[], ContainerSessionVerb[]][] = [
    ['read-only', [EACLOperation.GET, EACLOperation.HEAD, EACLOperation.SEARCH, EACLOperation.GETRANGE, EACLOperation.GETRANGEHASH], []],
    ['read-write', [EACLOperation.GET, EACLOperation.HEAD, EACLOperation.PUT, EACLOperation.DELETE, EACLOperation.SEARCH, EACLOperation.GETRANGE, EACLOperation.GETRANGEHASH], []],
    ['full', [EACLOperation.GET, EACLOperation.HEAD, EACLOperation.PUT, EACLOperation.DELETE, EACLOperation.SEARCH, EACLOperation.GETRANGE, EACLOperation.GETRANGEHASH], [ContainerSessionVerb.PUT, ContainerSessionVerb.DELETE, ContainerSessionVerb.SETEACL]],
    ['put-only', [EACLOperation.PUT, EACLOperation.SEARCH], []],
  ];
  for (const [preset, allowed, containerVerbs] of g3) {
    it(`g3 ${preset}: an ALLOW or DENY record for each of the 7 operations, and its container session tokens`, async () => {
      const box = await issueAndOpen(new MemoryNetwork(), { preset, format: 'g3' });
      const table = decodeEACLTable(box.bearerToken!.eaclTable!);
      expect(table.containerId).toBeUndefined();
      expect(table.records).toHaveLength(7);
      for (const r of table.records) expect(r.action).toBe(allowed.includes(r.operation) ? EACLAction.ALLOW : EACLAction.DENY);
      expect(box.sessionTokens.map((s) => (s.context as { verb: number }).verb)).toEqual(containerVerbs);
    });
  }

  it('--bucket: g4 contexts and g3 eACL + session tokens name the bucket container (owned by the user); full drops CONTAINER_PUT', async () => {
    const net = new MemoryNetwork();
    await bucket(net, randomScalar(), 'photos', 7); // another owner's bucket of the same name is not found
    const cid = await bucket(net, user, 'photos');
    await bucket(net, user, 'other', 2);
    const g4 = await issueAndOpen(net, { preset: 'full', bucket: 'photos' });
    expect(g4.sessionTokenV2!.contexts).toHaveLength(1);
    expect(containerIdToString(g4.sessionTokenV2!.contexts[0]!.containerId!)).toBe(cid);
    expect(g4.sessionTokenV2!.contexts[0]!.verbs).not.toContain(V.CONTAINER_PUT);
    expect(g4.sessionTokenV2!.contexts[0]!.verbs).toContain(V.CONTAINER_DELETE);

    const g3 = await issueAndOpen(net, { preset: 'read-only', bucket: 'photos', format: 'g3' });
    expect(containerIdToString(decodeEACLTable(g3.bearerToken!.eaclTable!).containerId!)).toBe(cid);
    const g3full = await issueAndOpen(net, { preset: 'full', bucket: 'photos', format: 'g3' });
    expect(g3full.sessionTokens.map((s) => (s.context as { verb: number }).verb)).toEqual([ContainerSessionVerb.DELETE, ContainerSessionVerb.SETEACL]);
    for (const s of g3full.sessionTokens) expect(containerIdToString((s.context as { containerId: Uint8Array }).containerId as never)).toBe(cid);
  });

  it('--bucket that the user does not own, or two containers with the name: typed errors, nothing written', async () => {
    const net = new MemoryNetwork();
    await bucket(net, randomScalar(), 'theirs');
    await bucket(net, user, 'twice', 1);
    await bucket(net, user, 'twice', 2);
    for (const [name, code] of [['theirs', 'BUCKET_NOT_FOUND'], ['twice', 'BUCKET_AMBIGUOUS']] as const) {
      const before = net.objects.size;
      await expect(issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gateHex], preset: 'read-only', bucket: name })).rejects.toMatchObject({ code, field: 'bucket' });
      expect(net.objects.size).toBe(before);
    }
  });

  it('bad preset inputs are refused before any network call', () => {
    const cases: [Partial<IssueInput>, string, string][] = [
      [{ preset: 'read-mostly' }, 'PRESET_UNKNOWN', 'preset'],
      [{ preset: 'full', sessionRules: 'none' }, 'PRESET_CONFLICT', 'preset'],
      [{ preset: 'full', format: 'g3', bearerRules: '{"records":[]}' }, 'PRESET_CONFLICT', 'preset'],
      [{ bucket: 'b' }, 'BUCKET_WITHOUT_PRESET', 'bucket'],
      [{ preset: 'full', bucket: '' }, 'BUCKET_INVALID', 'bucket'],
    ];
    for (const [input, code, field] of cases) {
      expect(() => prepareIssue({ gatePublicKeys: [gateHex], ...input }), code).toThrow(expect.objectContaining({ code, field }));
    }
  });

  it('presetRules is pure: the same table for the same preset, bucket-bound only with a bucket', () => {
    expect(presetRules('read-only', 'g4')).toEqual(presetRules('read-only', 'g4'));
    expect(presetRules('read-only', 'g3').sessionRules).toEqual([]);
  });
});

/** A store that counts objectPut calls in flight (each held a few ms so they can overlap). */
function countingStore(inner: AuthmateStore): AuthmateStore & { maxInFlight: number; puts: number } {
  let inFlight = 0;
  const s = Object.create(inner) as AuthmateStore & { maxInFlight: number; puts: number };
  s.maxInFlight = 0;
  s.puts = 0;
  s.objectPut = async (p) => {
    inFlight++;
    s.puts++;
    s.maxInFlight = Math.max(s.maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 5));
      return await inner.objectPut(p);
    } finally {
      inFlight--;
    }
  };
  return s;
}

describe('issueSecrets (batch)', () => {
  async function setup() {
    const net = new MemoryNetwork();
    const store = net.as(user);
    const first = await issueSecret({ store, userPrivateKey: user, gatePublicKeys: [gateHex] });
    return { net, store, cid: first.containerId };
  }

  it('results in input order; a bad item fails alone; one NetworkInfo for the batch; each credential opens', async () => {
    const { net, store, cid } = await setup();
    const inputs: IssueInput[] = Array.from({ length: 12 }, (_, i) => ({
      gatePublicKeys: [gateHex],
      container: { existing: cid },
      preset: i % 2 ? 'read-only' : 'put-only',
      ...(i === 3 ? { lifetimeMs: -1 } : {}),
      ...(i === 7 ? { preset: 'nope' } : {}),
    }));
    const callsBefore = net.calls.length;
    const seen: number[] = [];
    const results = await issueSecrets(inputs, { store, userPrivateKey: user, concurrency: 3, onProgress: (r, done, total) => (seen.push(r.index), expect(total).toBe(12), expect(done).toBe(seen.length)) });
    expect(results.map((r) => r.index)).toEqual([...inputs.keys()]);
    expect(results.map((r) => r.ok)).toEqual(inputs.map((_, i) => i !== 3 && i !== 7));
    expect(results[3]).toMatchObject({ ok: false, error: { field: 'lifetime' } });
    expect(results[7]).toMatchObject({ ok: false, error: { code: 'PRESET_UNKNOWN' } });
    expect(new Set(seen)).toEqual(new Set(inputs.keys()));
    expect(net.calls.slice(callsBefore).filter((c) => c === 'networkInfo')).toHaveLength(1);
    for (const r of results) {
      if (!r.ok) continue;
      expect(r.result.containerId).toBe(cid);
      const got = await obtainSecret({ store: net.as(gate), accessKeyId: r.result.accessKeyId, gatePrivateKey: gate });
      expect(got.secretAccessKey).toBe(r.result.secretAccessKey);
    }
  });

  it('a failing write (container of another user) does not stop the others', async () => {
    const { net, store, cid } = await setup();
    const theirs = await bucket(net, randomScalar(), 'x');
    const inputs: IssueInput[] = [cid, theirs, cid].map((c) => ({ gatePublicKeys: [gateHex], container: { existing: c } }));
    const results = await issueSecrets(inputs, { store, userPrivateKey: user });
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ error: { code: 'ACCESS_DENIED' } });
  });

  it('the concurrency bound holds: never more objectPut calls in flight than asked, and it is reached', async () => {
    for (const concurrency of [1, 3, 5]) {
      const { store, cid } = await setup();
      const counting = countingStore(store);
      const inputs: IssueInput[] = Array.from({ length: 15 }, () => ({ gatePublicKeys: [gateHex], container: { existing: cid } }));
      const results = await issueSecrets(inputs, { store: counting, userPrivateKey: user, concurrency });
      expect(results.every((r) => r.ok)).toBe(true);
      expect(counting.puts).toBe(15);
      expect(counting.maxInFlight).toBe(concurrency);
    }
  });

  it('failFast: no item starts after the first failure; the rest are BATCH_SKIPPED', async () => {
    const { net, store, cid } = await setup();
    const theirs = await bucket(net, randomScalar(), 'x');
    const inputs: IssueInput[] = Array.from({ length: 10 }, (_, i) => ({ gatePublicKeys: [gateHex], container: { existing: i === 2 ? theirs : cid } }));
    const counting = countingStore(store);
    const results = await issueSecrets(inputs, { store: counting, userPrivateKey: user, concurrency: 1, failFast: true });
    expect(results.map((r) => r.ok)).toEqual([true, true, false, ...Array(7).fill(false)]);
    expect(counting.puts).toBe(3); // items 0 and 1, then item 2 refused at its put; no fourth
    for (const r of results.slice(3)) expect(!r.ok && r.error).toBeInstanceOf(BatchSkippedError);

    // A local error with failFast: nothing is written at all.
    const before = net.objects.size;
    const bad = await issueSecrets([{ gatePublicKeys: [gateHex], container: { existing: cid } }, { gatePublicKeys: [] }], { store, userPrivateKey: user, failFast: true });
    expect(bad.map((r) => (r.ok ? 'ok' : (r.error as { code: string }).code))).toEqual(['BATCH_SKIPPED', 'GATE_KEY_MISSING']);
    expect(net.objects.size).toBe(before);
  });

  it('bucket presets in a batch share one scan of the owner containers', async () => {
    const { net, store, cid } = await setup();
    const b = await bucket(net, user, 'shared');
    const before = net.calls.length;
    const inputs: IssueInput[] = Array.from({ length: 4 }, () => ({ gatePublicKeys: [gateHex], container: { existing: cid }, preset: 'read-only', bucket: 'shared' }));
    const results = await issueSecrets(inputs, { store, userPrivateKey: user });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(net.calls.slice(before).filter((c) => c === 'containerList')).toHaveLength(1);
    const box = (await obtainSecret({ store: net.as(gate), accessKeyId: (results[0] as { result: { accessKeyId: string } }).result.accessKeyId, gatePrivateKey: gate })).box;
    expect(containerIdToString(box.sessionTokenV2!.contexts[0]!.containerId!)).toBe(b);
  });
});
