// The example commands of the 2021 AuthMate document (../shared/seeds, the mission's spec) run as
// written, with only the peer, the wallets and the gate keys swapped for the local network's:
// legacy flags (--create-session-token, --session-rules), the %CID placeholder in bearer and
// session rules, the eACL version block, and --container-policy in QL and JSON forms.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAccessBox } from '../../src/box/box.js';
import { NeoFSClient } from '../../src/neofs/client.js';
import { parseContainerId } from '../../src/neofs/refs.js';
import { decodePlacementPolicy } from '../../src/policy/placement.js';
import { decodeEACLTable } from '../../src/policy/eacl.js';
import { ContainerSessionVerb } from '../../src/tokens/session-v1.js';
import { parseAccessKeyId } from '../../src/authmate/obtain.js';
import { loadWalletKey } from '../../src/wallet/index.js';
import { obtainWith, runOurs, type IssuedSecret } from './authmate.js';
import { devnet, type Devnet } from './devnet.js';

describe('2021 AuthMate document examples', () => {
  let net: Devnet;
  let gatePrivateKey: Uint8Array;
  let client: NeoFSClient;

  beforeAll(async () => {
    net = devnet();
    const gate = net.gateways[0]!;
    gatePrivateKey = (await loadWalletKey({ path: gate.walletPath, password: gate.walletPassword })).privateKey;
    client = new NeoFSClient({ endpoint: net.peer, signer: gatePrivateKey });
    return () => client.close();
  });

  /** Runs an example (argv after the binary name) with the document's env password style. */
  async function example(args: string[]): Promise<IssuedSecret> {
    const user = net.users[0]!;
    const r = await runOurs(args, { AUTHMATE_WALLET_PASSPHRASE: user.password });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as IssuedSecret;
  }

  async function openBox(creds: IssuedSecret) {
    const got = await client.objectGet(parseAccessKeyId(creds.access_key_id));
    return openAccessBox(got.payload, gatePrivateKey);
  }

  it('issue-secret with custom rules for multiple gates, --create-session-token and %CID session rules', async () => {
    const [g0, g1] = net.gateways;
    const creds = await example([
      'issue-secret', '--wallet', net.users[0]!.path,
      '--peer', net.peer,
      '--bearer-rules', '{"records":[{"operation":"PUT","action":"ALLOW","filters":[],"targets":[{"role":"OTHERS","keys":[]}]}]}',
      '--gate-public-key', g0!.publicKey,
      '--gate-public-key', g1!.publicKey,
      '--create-session-token',
      '--session-rules', '{"verb":"DELETE","wildcard":false,"containerID":{"value":"%CID"}}',
      '--container-placement-policy', 'REP 1',
    ]);
    const box = await openBox(creds);
    expect(box.format).toBe('g3');
    const table = decodeEACLTable(box.bearerToken!.eaclTable!);
    expect(table.records).toEqual([{ operation: 3, action: 1, filters: [], targets: [{ role: 3, keys: [] }] }]);
    // %CID became the box container: a DELETE token limited to it, no wildcard.
    expect(box.sessionTokens).toHaveLength(1);
    const ctx = box.sessionTokens[0]!.context;
    expect(ctx).toMatchObject({ kind: 'container', verb: ContainerSessionVerb.DELETE });
    expect(ctx && 'containerId' in ctx ? Buffer.from(ctx.containerId!) : undefined).toEqual(Buffer.from(parseContainerId(creds.container_id)));
    for (const gate of net.gateways) expect(await obtainWith('ours', net, net.users[0]!, gate, creds.access_key_id)).toBe(creds.secret_access_key);
  });

  it('the documented default bearer rules (version 2.6, containerID %CID) given as a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seed-'));
    const rules = join(dir, 'rules.json');
    await writeFile(rules, JSON.stringify({
      version: { major: 2, minor: 6 },
      containerID: { value: '%CID' },
      records: [{ operation: 'GET', action: 'ALLOW', filters: [], targets: [{ role: 'OTHERS', keys: [] }] }],
    }, null, 4));
    const creds = await example([
      'issue-secret', '--wallet', net.users[0]!.path, '--peer', net.peer,
      '--gate-public-key', net.gateways[0]!.publicKey, '--bearer-rules', rules, '--container-placement-policy', 'REP 1',
    ]);
    const table = decodeEACLTable((await openBox(creds)).bearerToken!.eaclTable!);
    expect(table.version).toEqual({ major: 2, minor: 6 });
    expect(Buffer.from(table.containerId!)).toEqual(Buffer.from(parseContainerId(creds.container_id)));
  });

  it('--session-rules without --create-session-token creates no session token, with the 2021 warning', async () => {
    const user = net.users[0]!;
    const r = await runOurs([
      'issue-secret', '--wallet', user.path, '--peer', net.peer, '--gate-public-key', net.gateways[0]!.publicKey,
      '--session-rules', '{"verb":"PUT","wildcard":true,"containerID":null}', '--container-placement-policy', 'REP 1',
    ], { AUTHMATE_WALLET_PASSPHRASE: user.password });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/session token was not created/);
    expect((await openBox(JSON.parse(r.stdout) as IssuedSecret)).sessionTokens).toEqual([]);
  });

  it('--container-policy with the documented QL and JSON policies lands in the box', async () => {
    const creds = await example([
      'issue-secret', '--wallet', net.users[0]!.path, '--peer', net.peer, '--gate-public-key', net.gateways[0]!.publicKey,
      '--container-placement-policy', 'REP 1',
      '--container-policy', JSON.stringify({
        'rep-3': 'REP 3',
        complex: 'REP 1 IN X CBF 1 SELECT 1 FROM * AS X',
        'example-json-policy': '{"replicas":[{"count":3,"selector":"SelASD0"}],"container_backup_factor":3,"selectors":[{"name":"SelASD0","count":3,"filter":"*"}],"filters":[]}',
      }),
    ]);
    const box = await openBox(creds);
    const byName = Object.fromEntries(box.containerPolicies.map((p) => [p.locationConstraint, decodePlacementPolicy(p.policy)]));
    expect(Object.keys(byName).sort()).toEqual(['complex', 'example-json-policy', 'rep-3']);
    expect(byName['rep-3']!.replicas.map((r) => r.count)).toEqual([3]);
    expect(byName['example-json-policy']!.containerBackupFactor).toBe(3);
    expect(byName['complex']!.selectors[0]).toMatchObject({ name: 'X', count: 1 });
  });

  it('obtain-secret as documented: user password from the variable, gate password from the variable', async () => {
    const creds = await example([
      'issue-secret', '--wallet', net.users[0]!.path, '--peer', net.peer, '--gate-public-key', net.gateways[1]!.publicKey,
      '--container-placement-policy', 'REP 1',
    ]);
    const gate = net.gateways[1]!;
    const r = await runOurs(
      ['obtain-secret', '--wallet', net.users[0]!.path, '--peer', net.peer, '--gate-wallet', gate.walletPath, '--access-key-id', creds.access_key_id],
      { AUTHMATE_WALLET_PASSPHRASE: net.users[0]!.password, AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ secret_access_key: creds.secret_access_key });
  });
});
