/**
 * reset-bucket-acl: the gateway's ownership rule on tables, the operation through the memory
 * store (dry run, apply with session tokens v2 and v1, the refusals), NNS resolution against an
 * in-process fake JSON-RPC server, and the CLI's exit codes per stage.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryNetwork, issueSecret, planBucketAclReset, resetBucketAcl, type ResetBucketAclOptions } from '../../src/authmate/index.js';
import { resetBucketAclFailures, toCliError } from '../../src/cli/base/failures.js';
import { publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { randomScalar } from '../../src/crypto/p256-native.js';
import { AuthmateError } from '../../src/errors.js';
import { NnsClient, resolveBucketContainer, nnsContainerDomain } from '../../src/neofs/nns.js';
import { asContainerId, containerIdToString, parseContainerId, type ContainerId } from '../../src/neofs/refs.js';
import {
  decodeEACLTable,
  encodeEACLTable,
  EACLAction,
  EACLHeaderType,
  EACLMatchType,
  EACLOperation,
  EACLRole,
  type EACLFilter,
  type EACLRecord,
  type EACLTable,
} from '../../src/policy/eacl.js';
import { SessionVerb } from '../../src/tokens/session-v2.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const filter = (headerType: number, matchType: number, value: string, key = 'BucketOwnerField'): EACLFilter => ({ headerType, matchType, key, value });
const record = (action: number, operation: number, filters: EACLFilter[] = [], role: number = EACLRole.OTHERS): EACLRecord => ({
  action,
  operation,
  filters,
  targets: [{ role, keys: [] }],
});
const { REQUEST, OBJECT } = EACLHeaderType;
const { STRING_EQUAL, STRING_NOT_EQUAL } = EACLMatchType;
const { ALLOW, DENY } = EACLAction;
const { GET, PUT, DELETE } = EACLOperation;

// The records the gateway before v0.37 wrote, and look-alikes its rule must not take.
const enforced = record(DENY, PUT, [filter(REQUEST, STRING_NOT_EQUAL, 'BucketOwnerEnforced')], 0);
const objectWriter = record(DENY, PUT, [filter(REQUEST, STRING_NOT_EQUAL, 'ObjectWriter')], 0);
const preferredRestricted = record(DENY, PUT, [filter(OBJECT, STRING_EQUAL, 'bucket-owner-full-control')], 0);
const equalMatcher = record(DENY, PUT, [filter(REQUEST, STRING_EQUAL, 'BucketOwnerEnforced')]);
const allowPut = record(ALLOW, PUT, [filter(REQUEST, STRING_NOT_EQUAL, 'BucketOwnerEnforced')]);
const denyDelete = record(DENY, DELETE, [filter(REQUEST, STRING_NOT_EQUAL, 'BucketOwnerEnforced')]);
const otherKey = record(DENY, PUT, [filter(REQUEST, STRING_NOT_EQUAL, 'x', 'OtherField')]);
const allowGet = record(ALLOW, GET);
const cidBytes = asContainerId(new Uint8Array(32).fill(7));

describe('planBucketAclReset: the gateway rule (UpdateBucketOwnership)', () => {
  it('drops a DENY PUT record filtering the request header BucketOwnerField with STRING_NOT_EQUAL, whatever its value and target', () => {
    for (const marker of [enforced, objectWriter, record(DENY, PUT, [filter(EACLHeaderType.OBJECT, STRING_EQUAL, 'y', 'Other'), filter(REQUEST, STRING_NOT_EQUAL, 'anything')])]) {
      const plan = planBucketAclReset({ version: { major: 2, minor: 16 }, containerId: cidBytes, records: [allowGet, marker, otherKey] });
      expect(plan.removedIndex).toBe(1);
      expect(plan.removed).toEqual(marker);
      expect(plan.table).toEqual({ version: { major: 2, minor: 16 }, containerId: cidBytes, records: [allowGet, otherKey] });
    }
  });

  it('keeps look-alikes: object header or STRING_EQUAL (preferred-and-restricted), ALLOW, other operations, other keys', () => {
    const records = [preferredRestricted, equalMatcher, allowPut, denyDelete, otherKey, allowGet];
    const plan = planBucketAclReset({ version: { major: 0, minor: 0 }, records });
    expect(plan.removedIndex).toBe(-1);
    expect(plan.removed).toBeUndefined();
    expect(plan.table.records).toEqual(records);
  });

  it('only the first matching record goes, as in Go', () => {
    const plan = planBucketAclReset({ version: { major: 0, minor: 0 }, records: [preferredRestricted, objectWriter, allowGet, enforced] });
    expect(plan.removed).toEqual(objectWriter);
    expect(plan.table.records).toEqual([preferredRestricted, allowGet, enforced]);
  });
});

describe('resetBucketAcl through the memory store', () => {
  const user = randomScalar();
  const gate = randomScalar();
  const otherGate = randomScalar();
  const gatePub = hex(publicKeyFromPrivate(gate));

  /** A user's box for the gate and an owned container (the box's) carrying `records` as its eACL. */
  async function setup(extra: Partial<Parameters<typeof issueSecret>[0]> = {}, records: EACLRecord[] = [allowGet, enforced, otherKey]) {
    const net = new MemoryNetwork();
    const creds = await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gatePub], lifetimeMs: 3_600_000, ...extra });
    const cid = parseContainerId(creds.containerId);
    const table: EACLTable = { version: { major: 2, minor: 16 }, containerId: cid, records };
    await net.as(user).containerSetEACL(encodeEACLTable(table), { containerId: cid });
    const opts = (o: Partial<ResetBucketAclOptions> = {}): ResetBucketAclOptions => ({
      store: net.as(gate),
      accessKeyId: creds.accessKeyId,
      gatePrivateKey: gate,
      target: { containerId: cid },
      ...o,
    });
    const nodeTable = async () => decodeEACLTable((await net.as(user).containerEACL(cid)).eacl);
    return { net, creds, cid, table, opts, nodeTable };
  }

  it('dry run: the table without the record; nothing is sent', async () => {
    const { net, cid, opts, nodeTable, table } = await setup();
    const calls = net.calls.length;
    const r = await resetBucketAcl(opts());
    expect(r).toMatchObject({ applied: false, removed: enforced });
    expect(containerIdToString(r.containerId)).toBe(containerIdToString(cid));
    expect(r.before).toEqual(table);
    expect(r.table).toEqual({ ...table, records: [allowGet, otherKey] });
    expect(net.calls.slice(calls)).not.toContain('containerSetEACL');
    expect(await nodeTable()).toEqual(table);
  });

  it('apply with a g4 box: the gate sets the table with the session token v2 (record comments kept)', async () => {
    const commented = { ...otherKey, comment: 'set by the bucket owner' };
    const { opts, nodeTable, table } = await setup({ format: 'g4' }, [allowGet, enforced, commented]);
    const r = await resetBucketAcl(opts({ apply: true }));
    expect(r.applied).toBe(true);
    expect(await nodeTable()).toEqual({ ...table, records: [allowGet, commented] });
  });

  it('apply with a g3 box: the gate sets the table with the container SETEACL token v1', async () => {
    const { opts, nodeTable, table } = await setup({ format: 'g3' });
    expect((await resetBucketAcl(opts({ apply: true }))).applied).toBe(true);
    expect(await nodeTable()).toEqual({ ...table, records: [allowGet, otherKey] });
  });

  it('apply with nothing to remove: no transaction', async () => {
    const { net, opts, nodeTable, table } = await setup({}, [allowGet, preferredRestricted]);
    const calls = net.calls.length;
    expect(await resetBucketAcl(opts({ apply: true }))).toMatchObject({ applied: false });
    expect(net.calls.slice(calls)).not.toContain('containerSetEACL');
    expect(await nodeTable()).toEqual(table);
  });

  it('a box without a token for SETEACL: SESSION_TOKEN_MISSING at apply (the dry run still works)', async () => {
    const cases = [
      { format: 'g4' as const, sessionRules: [{ verb: SessionVerb.OBJECT_PUT }, { verb: SessionVerb.CONTAINER_PUT, containerId: parseContainerId('7qVGMYo1Rr8R6Zxqtjqnr3NqfkbrWL3xpb34kEEfyjyx') }] },
      { format: 'g3' as const, sessionRules: 'none' },
      { format: 'g3' as const, sessionRules: [{ verb: SessionVerb.CONTAINER_DELETE }] },
    ];
    for (const c of cases) {
      const { opts, nodeTable, table } = await setup(c);
      expect((await resetBucketAcl(opts())).removed).toEqual(enforced);
      await expect(resetBucketAcl(opts({ apply: true }))).rejects.toMatchObject({ code: 'SESSION_TOKEN_MISSING', field: 'apply' });
      expect(await nodeTable()).toEqual(table);
    }
  });

  it('a gate that is not in the box: the box error, tagged accessKeyId', async () => {
    const { opts, net } = await setup();
    await expect(resetBucketAcl(opts({ store: net.as(otherGate), gatePrivateKey: otherGate }))).rejects.toMatchObject({ code: 'NO_GATE_DATA', field: 'accessKeyId' });
  });

  it("the store refuses another user's token: the session issuer must own the container", async () => {
    const { net, cid } = await setup();
    const stranger = randomScalar();
    const theirs = await issueSecret({ store: net.as(stranger), userPrivateKey: stranger, gatePublicKeys: [gatePub], lifetimeMs: 3_600_000 });
    const r = resetBucketAcl({ store: net.as(gate), accessKeyId: theirs.accessKeyId, gatePrivateKey: gate, target: { containerId: cid }, apply: true });
    await expect(r).rejects.toMatchObject({ code: 'ACCESS_DENIED', field: 'apply' });
  });

  it('no eACL on the container: the read error, tagged containerEACL', async () => {
    const net = new MemoryNetwork();
    const creds = await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gatePub], lifetimeMs: 3_600_000 });
    const r = resetBucketAcl({ store: net.as(gate), accessKeyId: creds.accessKeyId, gatePrivateKey: gate, target: { containerId: parseContainerId(creds.containerId) } });
    await expect(r).rejects.toMatchObject({ code: 'EACL_NOT_FOUND', field: 'containerEACL' });
  });
});

// ---- NNS over JSON-RPC, against a fake neo-go RPC server ----

const NNS_HASH = '0x52006478aa5b2e6f65988226af1a08b781c78a61';
type Handler = (method: string, params: unknown[]) => unknown;

describe('NNS resolution (fake JSON-RPC server)', () => {
  let server: Server;
  let url: string;
  let handler: Handler = () => undefined;
  const seen: { method: string; params: unknown[] }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const { id, method, params } = JSON.parse(body) as { id: number; method: string; params: unknown[] };
        seen.push({ method, params });
        const out = handler(method, params);
        if (out === 'stall') return; // never answers
        if (typeof out === 'string') {
          res.writeHead(out === 'http500' ? 500 : 200).end(out === 'http500' ? 'oops' : out);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id, ...(out as object) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const cid = parseContainerId('7qVGMYo1Rr8R6Zxqtjqnr3NqfkbrWL3xpb34kEEfyjyx');
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const halt = (stack: unknown[]) => ({ result: { state: 'HALT', gasconsumed: '1', script: '', stack } });
  const records = (...txt: string[]) => halt([{ type: 'Array', value: txt.map((t) => ({ type: 'ByteString', value: b64(t) })) }]);
  const chain = (answer: () => unknown): Handler => (method) => (method === 'getcontractstate' ? { result: { id: 1, hash: NNS_HASH } } : answer());

  it('domain: <name>.container, or <name>.<namespace>.container', () => {
    expect(nnsContainerDomain('bkt')).toBe('bkt.container');
    expect(nnsContainerDomain('bkt', 'ns1')).toBe('bkt.ns1.container');
  });

  it('contract ID 1 → hash; getRecords(domain, TXT=16) → the container ID of the first record; the hash is asked once', async () => {
    seen.length = 0;
    handler = chain(() => records(containerIdToString(cid), 'ignored'));
    const client = new NnsClient({ endpoint: url });
    const got: ContainerId = await resolveBucketContainer({ endpoint: url, bucket: 'bkt', namespace: 'ns1', client });
    expect(containerIdToString(got)).toBe(containerIdToString(cid));
    await resolveBucketContainer({ endpoint: url, bucket: 'bkt', client });
    expect(seen).toEqual([
      { method: 'getcontractstate', params: [1] },
      { method: 'invokefunction', params: [NNS_HASH, 'getRecords', [{ type: 'String', value: 'bkt.ns1.container' }, { type: 'Integer', value: '16' }]] },
      { method: 'invokefunction', params: [NNS_HASH, 'getRecords', [{ type: 'String', value: 'bkt.container' }, { type: 'Integer', value: '16' }]] },
    ]);
  });

  const failing: { name: string; answer: () => unknown; code: string; timeoutMs?: number }[] = [
    { name: 'FAULT "token not found" (no such domain)', answer: () => ({ result: { state: 'FAULT', exception: 'at instruction 1 (THROW): unhandled exception: "token not found"', stack: [] } }), code: 'BUCKET_NOT_FOUND' },
    { name: 'no TXT records', answer: () => records(), code: 'BUCKET_NOT_FOUND' },
    { name: 'another FAULT', answer: () => ({ result: { state: 'FAULT', exception: 'gas limit exceeded', stack: [] } }), code: 'NNS_FAULT' },
    { name: 'a TXT record that is not a container ID', answer: () => records('not-a-cid'), code: 'NNS_RECORD_INVALID' },
    { name: 'a stack that is not an array of ByteStrings', answer: () => halt([{ type: 'Integer', value: '5' }]), code: 'NNS_RESPONSE' },
    { name: 'invalid UTF-8 in a record', answer: () => halt([{ type: 'Array', value: [{ type: 'ByteString', value: Buffer.from([0xff, 0xfe]).toString('base64') }] }]), code: 'NNS_RESPONSE' },
    { name: 'a JSON-RPC error', answer: () => ({ error: { code: -32601, message: 'Method not found' } }), code: 'NNS_RESPONSE' },
    { name: 'an answer that is not JSON', answer: () => '<html>', code: 'NNS_RESPONSE' },
    { name: 'HTTP 500', answer: () => 'http500', code: 'NNS_UNAVAILABLE' },
    { name: 'a server that never answers (deadline)', answer: () => 'stall', code: 'NNS_UNAVAILABLE', timeoutMs: 200 },
  ];
  for (const f of failing) {
    it(`${f.name}: ${f.code}`, async () => {
      handler = chain(f.answer);
      const started = Date.now();
      await expect(resolveBucketContainer({ endpoint: url, bucket: 'bkt', timeoutMs: f.timeoutMs ?? 5_000 })).rejects.toMatchObject({ code: f.code });
      expect(Date.now() - started).toBeLessThan(3_000);
    });
  }

  it('no contract hash in getcontractstate: NNS_RESPONSE; nobody listening: NNS_UNAVAILABLE; not an http URL: RPC_ENDPOINT_INVALID', async () => {
    handler = () => ({ result: { id: 1 } });
    await expect(resolveBucketContainer({ endpoint: url, bucket: 'b' })).rejects.toMatchObject({ code: 'NNS_RESPONSE' });
    await expect(resolveBucketContainer({ endpoint: 'http://127.0.0.1:1', bucket: 'b' })).rejects.toMatchObject({ code: 'NNS_UNAVAILABLE' });
    for (const bad of ['127.0.0.1:30333', 'grpc://127.0.0.1:8080', 'not a url']) {
      await expect(resolveBucketContainer({ endpoint: bad, bucket: 'b' })).rejects.toMatchObject({ code: 'RPC_ENDPOINT_INVALID' });
    }
  });

  it('resetBucketAcl resolves the bucket through NNS (errors tagged bucket)', async () => {
    const user = randomScalar();
    const gate = randomScalar();
    const net = new MemoryNetwork();
    const creds = await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [hex(publicKeyFromPrivate(gate))], lifetimeMs: 3_600_000 });
    const table: EACLTable = { version: { major: 2, minor: 16 }, containerId: parseContainerId(creds.containerId), records: [enforced, allowGet] };
    await net.as(user).containerSetEACL(encodeEACLTable(table), { containerId: parseContainerId(creds.containerId) });
    handler = chain(() => records(creds.containerId));
    const base = { store: net.as(gate), accessKeyId: creds.accessKeyId, gatePrivateKey: gate };
    const r = await resetBucketAcl({ ...base, target: { bucket: 'bkt', rpcEndpoint: url } });
    expect(r.table.records).toEqual([allowGet]);
    handler = chain(() => records());
    await expect(resetBucketAcl({ ...base, target: { bucket: 'none', rpcEndpoint: url } })).rejects.toMatchObject({ code: 'BUCKET_NOT_FOUND', field: 'bucket' });
  });
});

describe('reset-bucket-acl exit codes (as Go v0.45, per stage)', () => {
  const table = resetBucketAclFailures();
  const err = (code: string, field?: string) => new AuthmateError(code, 'm', { field });
  it.each([
    ['WALLET_WRONG_PASSWORD', 'gateWallet', 4, "failed to get gate's private key: m"],
    ['ACCESS_KEY_ID_INVALID', 'accessKeyId', 5, 'failed to obtain secret: failed to parse secret address: m'],
    ['NO_GATE_DATA', 'accessKeyId', 5, 'failed to obtain secret: m'],
    ['OBJECT_NOT_FOUND', 'accessKeyId', 5, 'failed to obtain secret: m'],
    ['BUCKET_NOT_FOUND', 'bucket', 5, 'resolve container: m'],
    ['NNS_UNAVAILABLE', 'bucket', 5, 'create resolver: m'],
    ['EACL_NOT_FOUND', 'containerEACL', 1, 'failed to obtain old neofs EACL: m'],
    ['ACCESS_DENIED', 'apply', 1, 'failed to setup eacl: m'],
    ['SESSION_TOKEN_MISSING', 'apply', 1, 'failed to setup eacl: m'],
  ])('%s (%s) → %i', (code, field, exit, message) => {
    const e = toCliError(err(code, field), table);
    expect({ exit: e.exitCode, message: e.message }).toEqual({ exit, message });
  });
});
