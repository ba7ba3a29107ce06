// reset-bucket-acl on the real network: a bucket created through the real neofs-s3-gw v0.45.0
// with credentials our CLI issued (g4), given the ownership record a gateway before v0.37 kept
// in the eACL (v0.45 keeps ownership in the settings object, so the owner writes it here), then
// reset by our CLI: the dry run prints the table without it, --apply makes the node drop it.
// The real Go neofs-s3-authmate v0.45.0 runs the same dry run where it can.
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { NeoFSClient } from '../../src/neofs/client.js';
import { resolveBucketContainer } from '../../src/neofs/nns.js';
import { containerIdToString, type ContainerId } from '../../src/neofs/refs.js';
import { decodeEACLTable, eaclTableToJSON, encodeEACLTable, EACLAction, EACLHeaderType, EACLMatchType, EACLOperation, EACLRole, type EACLRecord, type EACLTable } from '../../src/policy/eacl.js';
import { loadWalletKey } from '../../src/wallet/index.js';
import { execFileSync } from 'node:child_process';
import { buildGoTool, goToolBin, hasGo } from '../unit/go-tools.js';
import { issueWith, runOurs, s3For, type IssuedSecret } from './authmate.js';
import { devnet, type Devnet } from './devnet.js';

/** The gateway's marker account NKuyBkoGdZZSLyPbJEetheRhMjezqzTxcW (ownerEnforcedUserID): N3 prefix, hash ...01. */
function markerAccount(n: number): Uint8Array {
  const id = new Uint8Array(25);
  id[0] = 0x35;
  id[20] = n;
  const sum = createHash('sha256').update(createHash('sha256').update(id.subarray(0, 21)).digest()).digest();
  id.set(sum.subarray(0, 4), 21);
  return id;
}

/** What neofs-s3-gw v0.36 added for BucketOwnerEnforced (BucketOwnerEnforcedRecord). */
const enforcedRecord = (): EACLRecord => ({
  operation: EACLOperation.PUT,
  action: EACLAction.DENY,
  filters: [{ headerType: EACLHeaderType.REQUEST, matchType: EACLMatchType.STRING_NOT_EQUAL, key: 'BucketOwnerField', value: 'BucketOwnerEnforced' }],
  targets: [{ role: 0, keys: [markerAccount(1)] }],
});

describe('reset-bucket-acl against the real network and gateway', () => {
  let net: Devnet;
  let owner: NeoFSClient;
  let creds: IssuedSecret;
  let bucket: string;
  let cid: ContainerId;
  /** The eACL as the gateway set it (before the marker was added). */
  let original: EACLTable;

  const flags = (extra: string[] = [], gate = net.gateways[0]!) => [
    'reset-bucket-acl',
    '--access-key-id', creds.access_key_id,
    '--gate-wallet', gate.walletPath,
    '--peer', net.peer,
    '--rpc-endpoint', net.rpcEndpoint,
    '--container-name', bucket,
    ...extra,
  ];
  const gateEnv = (gate = net.gateways[0]!) => ({ AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword, WALLET_GATE_PASSPHRASE: gate.walletPassword });
  const nodeTable = async (): Promise<EACLTable> => decodeEACLTable((await owner.containerEACL(cid)).eacl);

  beforeAll(async () => {
    net = devnet();
    const user = await loadWalletKey({ path: net.users[0]!.path, password: net.users[0]!.password });
    owner = new NeoFSClient({ endpoint: net.peer, signer: user.privateKey });
    creds = await issueWith('ours', net, net.users[0]!, [net.gateways[0]!.publicKey]);
    bucket = `reset-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    await s3For(net.gateways[0]!, creds).send(new CreateBucketCommand({ Bucket: bucket }));
    cid = await resolveBucketContainer({ endpoint: net.rpcEndpoint, bucket });
    // The container NNS names is the one the gateway made for the bucket.
    const { container } = await owner.containerGet(cid);
    expect(container.attributes).toContainEqual({ key: 'Name', value: bucket });
    original = await nodeTable();
    // An old gateway's marker, between the gateway's records: only it must go.
    const withMarker: EACLTable = { ...original, records: [...original.records.slice(0, 1), enforcedRecord(), ...original.records.slice(1)] };
    await owner.containerSetEACL(encodeEACLTable(withMarker), { containerId: cid });
    expect((await nodeTable()).records).toHaveLength(original.records.length + 1);
    return () => owner.close();
  });

  it('dry run: prints the table without the ownership record and changes nothing', async () => {
    const r = await runOurs(flags(), gateEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Resolved CID: ${containerIdToString(cid)}`);
    expect(r.stderr).toContain('use --apply flag');
    expect(JSON.parse(r.stdout)).toEqual(eaclTableToJSON(original));
    expect((await nodeTable()).records).toHaveLength(original.records.length + 1);
  });

  it('Go neofs-s3-authmate v0.45.0 on the same bucket: same records, or the reason it cannot run', async () => {
    const go = await net.run('neofs-s3-authmate', flags(), { env: gateEnv() });
    if (go.code === 0) {
      expect(go.stdout).toContain(`Resolved CID: ${containerIdToString(cid)}`);
      const json = go.stdout.slice(go.stdout.indexOf('New EACL table:') + 'New EACL table:'.length, go.stdout.indexOf('use --apply'));
      const ours = JSON.parse((await runOurs(flags(), gateEnv())).stdout) as { records: unknown[] };
      expect(JSON.parse(json)).toEqual(ours.records);
    } else {
      // Go v0.45 passes --peer (a gRPC address) as the RPC endpoint for the box's contracts
      // (main.go: RPCHTTPEndpoints: []string{peerAddressFlag}), so it fails before the bucket.
      expect({ code: go.code, stderr: go.stderr }).toMatchObject({ code: 5, stderr: expect.stringContaining('failed to obtain secret') });
      console.warn(`Go reset-bucket-acl exited ${go.code}: ${go.stderr.trim()}`);
    }
  });

  it.runIf(hasGo)("the gateway's own resolver (api/resolver v0.45.0) finds the same container for the bucket", () => {
    buildGoTool('reset-acl');
    const goCid = execFileSync(goToolBin('reset-acl'), ['resolve', net.rpcEndpoint, bucket], { encoding: 'utf8' }).trim();
    expect(goCid).toBe(containerIdToString(cid));
  }, 600_000);

  it('bad inputs: Go exit codes per stage', async () => {
    const cases: { name: string; args: string[]; env?: Record<string, string>; code: number; says: string }[] = [
      { name: 'unknown bucket name', args: flags().map((a) => (a === bucket ? `${bucket}-none` : a)), code: 5, says: 'resolve container' },
      { name: 'no RPC at --rpc-endpoint', args: flags().map((a) => (a === net.rpcEndpoint ? 'http://127.0.0.1:1' : a)), code: 5, says: 'create resolver' },
      { name: 'gate wallet whose key is not in the box', args: flags([], net.gateways[1]!), env: gateEnv(net.gateways[1]!), code: 5, says: 'failed to obtain secret' },
      { name: 'wrong gate wallet password', args: flags(), env: { AUTHMATE_WALLET_GATE_PASSPHRASE: 'wrong' }, code: 4, says: "failed to get gate's private key" },
      { name: 'malformed access key id', args: flags().map((a) => (a === creds.access_key_id ? 'abc' : a)), code: 5, says: 'failed to parse secret address' },
      { name: 'unreachable peer', args: flags().map((a) => (a === net.peer ? '127.0.0.1:1' : a)), code: 1, says: 'failed to create NeoFS component' },
      { name: 'missing --container-name', args: flags().slice(0, -2), code: 100, says: 'container-name' },
    ];
    for (const c of cases) {
      const r = await runOurs(c.args, c.env ?? gateEnv());
      expect({ name: c.name, code: r.code }).toEqual({ name: c.name, code: c.code });
      expect(r.stderr, c.name).toContain(c.says);
    }
  });

  it('--apply: the gate sets the table with the box session token v2; the node drops the record; the bucket still works', async () => {
    const r = await runOurs(flags(['--apply']), gateEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('the new eACL is set');
    const now = await nodeTable();
    expect(eaclTableToJSON(now)).toEqual(eaclTableToJSON(original));
    await s3For(net.gateways[0]!, creds).send(new PutObjectCommand({ Bucket: bucket, Key: 'after-reset', Body: 'ok' }));
    // Again: nothing left to drop, nothing sent.
    const again = await runOurs(flags(['--apply']), gateEnv());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('nothing to apply');
  });

  it('--apply with a g3 box: the node accepts the container SETEACL session token v1', async () => {
    const g3 = await issueWith('ours', net, net.users[0]!, [net.gateways[0]!.publicKey], ['--box-format', 'g3']);
    await owner.containerSetEACL(encodeEACLTable({ ...original, records: [enforcedRecord(), ...original.records] }), { containerId: cid });
    const r = await runOurs(flags(['--apply']).map((a) => (a === creds.access_key_id ? g3.access_key_id : a)), gateEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(eaclTableToJSON(await nodeTable())).toEqual(eaclTableToJSON(original));
  });
});
