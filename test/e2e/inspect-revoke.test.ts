// inspect, revoke and the placement check on the local network, through `node bin/authmate.js`:
// boxes of all four generations issued by our CLI and a g4 box made by the real Go
// neofs-s3-authmate v0.45.0 are inspected with and without a gate wallet; a box is revoked and
// obtain-secret (ours and Go's) fails afterwards; other users' boxes and non-box objects are
// refused; a policy the 1-node network cannot hold is refused before any container exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueWith, obtainWith, runOurs, type IssuedSecret } from './authmate.js';
import { devnet } from './devnet.js';
import { loadWalletKey } from '../../src/wallet/index.js';
import { NeoFSClient } from '../../src/neofs/client.js';
import { containerIdToString, objectIdToString, parseContainerId } from '../../src/neofs/refs.js';
import { decodePlacementPolicy } from '../../src/policy/placement.js';
import { formatPlacementPolicy } from '../../src/policy/placement-ql.js';

const net = devnet();
const user1 = net.users[0]!;
const user2 = net.users[1]!;
const [gw0, gw1] = [net.gateways[0]!, net.gateways[1]!];
const noPasswords = { CI: 'true', AUTHMATE_WALLET_PASSPHRASE: undefined, AUTHMATE_WALLET_GATE_PASSPHRASE: undefined } as unknown as NodeJS.ProcessEnv;

type R = Record<string, any>;

async function inspect(accessKeyId: string, extra: string[] = [], env: Record<string, string> = {}): Promise<{ code: number; report: R; stdout: string; stderr: string }> {
  const r = await runOurs(['inspect', '--peer', net.peer, '--access-key-id', accessKeyId, ...extra], { ...noPasswords, ...env }, 60_000);
  let report: R = {};
  if (r.code === 0 && !extra.includes('--table')) report = JSON.parse(r.stdout) as R;
  return { ...r, report };
}

const withGate = (gate: typeof gw0, extra: string[] = []): [string[], Record<string, string>] => [
  ['--gate-wallet', gate.walletPath, ...extra],
  { AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword },
];

describe('inspect on the local network', () => {
  const ours = new Map<string, IssuedSecret>();
  let goBox: IssuedSecret;

  beforeAll(async () => {
    // One container for our four boxes (the first issue creates it), to keep the run short.
    const first = await issueWith('ours', net, user1, [gw0.publicKey, gw1.publicKey], ['--box-format', 'g1', '--lifetime', '2h']);
    ours.set('g1', first);
    for (const f of ['g2', 'g3', 'g4']) {
      ours.set(f, await issueWith('ours', net, user1, [gw0.publicKey, gw1.publicKey], ['--box-format', f, '--lifetime', '2h', '--container-id', first.container_id]));
    }
    goBox = await issueWith('go', net, user1, [gw0.publicKey, gw1.publicKey], ['--lifetime', '2h']);
  }, 240_000);

  for (const format of ['g1', 'g2', 'g3', 'g4'] as const) {
    it(`${format} box from our CLI: without a gate wallet, then with each gate wallet`, async () => {
      const creds = ours.get(format)!;
      const plain = await inspect(creds.access_key_id);
      expect(plain.code, plain.stderr).toBe(0);
      const r = plain.report;
      expect(r.object.owner).toBe(user1.address);
      expect(r.box.format).toBe(format === 'g4' ? 'g4' : 'g1-g3');
      if (format === 'g4') expect(r.box.sessionTokensV2[0].subjects).toEqual([gw0.address, gw1.address]);
      else expect(r.box.gatePublicKeys).toEqual([gw0.publicKey, gw1.publicKey]);
      expect(r.expiration.expired).toBe(false);
      expect(BigInt(r.expiration.epoch)).toBeGreaterThanOrEqual(BigInt(r.expiration.currentEpoch));
      expect(r.gate).toBeUndefined();
      expect(plain.stdout).not.toContain(creds.secret_access_key);

      for (const gate of [gw0, gw1]) {
        const [args, env] = withGate(gate);
        const g = await inspect(creds.access_key_id, args, env);
        expect(g.code, g.stderr).toBe(0);
        expect(g.report.gate).toMatchObject({ publicKey: gate.publicKey, address: gate.address, format, allSignaturesValid: true });
        expect(g.stdout).not.toContain(creds.secret_access_key);
        const tokens: R[] = g.report.gate.tokens;
        if (format === 'g4') {
          expect(tokens[0]).toMatchObject({ type: 'session-v2', issuer: user1.address, problem: null });
        } else {
          expect(tokens[0]).toMatchObject({ type: 'bearer', user: gate.address, issuer: format === 'g1' ? null : user1.address });
          expect(tokens.slice(1).every((t) => t.type === 'session-v1' && t.sessionKey === gate.publicKey)).toBe(true);
        }
      }
      const [args, env] = withGate(gw1, ['--show-secret']);
      const shown = await inspect(creds.access_key_id, args, env);
      expect(shown.report.gate.secretAccessKey).toBe(creds.secret_access_key);
    });
  }

  it('g4 box made by Go neofs-s3-authmate v0.45.0: tokens, signatures, secret', async () => {
    const plain = await inspect(goBox.access_key_id);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.report.box).toMatchObject({ format: 'g4', version: 1, gateCount: 2 });
    expect(plain.report.object.owner).toBe(user1.address);
    expect(plain.report.object.attributes.__NEOFS__EXPIRATION_EPOCH).toBe(plain.report.expiration.epoch);
    const t = plain.report.box.sessionTokensV2[0];
    expect(t).toMatchObject({ issuer: user1.address, subjects: [gw0.address, gw1.address], problem: null, signature: { valid: true } });
    expect(t.contexts.flatMap((c: R) => c.verbs)).toContain('OBJECT_PUT');

    const [args, env] = withGate(gw0, ['--show-secret']);
    const g = await inspect(goBox.access_key_id, args, env);
    expect(g.code, g.stderr).toBe(0);
    expect(g.report.gate).toMatchObject({ format: 'g4', allSignaturesValid: true, secretAccessKey: goBox.secret_access_key });

    const table = await inspect(goBox.access_key_id, ['--table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^box\.format\s+g4$/m);
    expect(table.stdout).toMatch(new RegExp(`^object\\.owner\\s+${user1.address}$`, 'm'));
  });
});

describe('revoke on the local network', () => {
  let userClient: NeoFSClient;

  beforeAll(async () => {
    const key = (await loadWalletKey({ path: user1.path, password: user1.password })).privateKey;
    userClient = new NeoFSClient({ endpoint: net.peer, signer: key, timeoutMs: 20_000 });
  });
  afterAll(() => userClient?.close());

  const revoke = (user: typeof user1, id: string, extra: string[] = ['--yes']) =>
    runOurs(['revoke', '--peer', net.peer, '--wallet', user.path, '--access-key-id', id, ...extra], { ...noPasswords, AUTHMATE_WALLET_PASSPHRASE: user.password }, 60_000);

  it("refuses another user's box, then the owner revokes it: obtain-secret (ours and Go's) fails afterwards", async () => {
    const box = await issueWith('go', net, user1, [gw0.publicKey]); // a Go-made box: ours revokes it too
    expect(await obtainWith('ours', net, user1, gw0, box.access_key_id)).toBe(box.secret_access_key);

    const stranger = await revoke(user2, box.access_key_id);
    expect(stranger.code).toBe(5);
    expect(stranger.stderr).toMatch(new RegExp(`belongs to ${user1.address}, not to this wallet's account ${user2.address}`));
    expect(await obtainWith('ours', net, user1, gw0, box.access_key_id)).toBe(box.secret_access_key); // still there

    const noYes = await revoke(user1, box.access_key_id, []);
    expect(noYes.code).toBe(100);

    const done = await revoke(user1, box.access_key_id);
    expect(done.code, done.stderr).toBe(0);
    const out = JSON.parse(done.stdout) as { access_key_id: string; tombstone: string };
    expect(out.access_key_id).toBe(box.access_key_id);
    expect(out.tombstone.startsWith(`${box.container_id}/`)).toBe(true);
    expect(done.stderr).toContain('cache.accessbox.lifetime');

    await expect(obtainWith('ours', net, user1, gw0, box.access_key_id)).rejects.toThrow(/exited 5.*(removed|not found)/s);
    await expect(obtainWith('go', net, user1, gw0, box.access_key_id)).rejects.toThrow(/exited/);
    const again = await inspect(box.access_key_id);
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/already removed|not found/);
  }, 120_000);

  it('an object that is not an access box: inspect and revoke refuse it, the object stays', async () => {
    const box = await issueWith('ours', net, user1, [gw0.publicKey], ['--box-format', 'g4']);
    const cid = parseContainerId(box.container_id);
    const oid = await userClient.objectPut({ containerId: cid, payload: new TextEncoder().encode('holiday photo, not a box') });
    const id = `${box.container_id}0${objectIdToString(oid)}`;

    const seen = await inspect(id);
    expect(seen.code).toBe(5);
    expect(seen.stderr).toMatch(/is not an access box/);
    const r = await revoke(user1, id);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/is not an access box, not deleting it/);
    const still = await userClient.objectGet({ containerId: cid, objectId: oid });
    expect(new TextDecoder().decode(still.payload)).toBe('holiday photo, not a box');
  }, 120_000);
});

describe('placement check on the 1-node network', () => {
  it('REP 2 … SELECT 2 is refused before any container is created', async () => {
    const key = (await loadWalletKey({ path: user1.path, password: user1.password })).privateKey;
    const client = new NeoFSClient({ endpoint: net.peer, signer: key, timeoutMs: 20_000 });
    try {
      const netmap = await client.netmapSnapshot();
      expect(netmap.nodes.length).toBe(1);
      const before = new Set((await client.containerList()).map(containerIdToString));
      const policy = 'REP 2 IN X CBF 3 SELECT 2 FROM * AS X';
      const r = await runOurs(
        ['issue-secret', '--wallet', user1.path, '--peer', net.peer, '--gate-public-key', gw0.publicKey, '--container-placement-policy', policy],
        { ...noPasswords, AUTHMATE_WALLET_PASSPHRASE: user1.password },
        60_000,
      );
      expect(r.code).toBe(7);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`failed to issue secret: placement policy "${policy}" cannot be satisfied by the network map`);
      expect(r.stderr).toMatch(/: 1 node\): SELECT 2 FROM \* AS X needs 2 nodes, 1 found/);
      expect(r.stderr).not.toMatch(/creating container/);
      // Other suites may create containers meanwhile: none of the new ones may carry this policy.
      const added = (await client.containerList()).filter((id) => !before.has(containerIdToString(id)));
      for (const id of added) {
        const c = await client.containerGet(id);
        expect(formatPlacementPolicy(decodePlacementPolicy(c.container.placementPolicy)).replace(/\n/g, ' ')).not.toBe(policy);
      }
    } finally {
      client.close();
    }
  }, 120_000);
});
