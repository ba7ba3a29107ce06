/**
 * The placement check before a container is written: certain shortfalls refuse the policy
 * (naming it and the node count) before containerPut; what the SDK can still place passes.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeNetmapSnapshotBody, NodeState } from '../../src/neofs/netmap.js';
import { MemoryNetwork, issueSecret, memoryNodes } from '../../src/authmate/index.js';
import { checkPlacement, placementShortfalls } from '../../src/authmate/placement-check.js';
import { publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { randomScalar } from '../../src/crypto/p256-native.js';
import { parsePlacementPolicy } from '../../src/policy/placement-ql.js';

const user = randomScalar();
const gate = Buffer.from(publicKeyFromPrivate(randomScalar())).toString('hex');
const ql = parsePlacementPolicy;

describe('placement check in issueSecret', () => {
  it('REP 2 … SELECT 2 on a 1-node network is refused before anything is written', async () => {
    const net = new MemoryNetwork({}, { nodes: 1 });
    const err = await issueSecret({
      store: net.as(user),
      userPrivateKey: user,
      gatePublicKeys: [gate],
      container: { create: { placementPolicy: 'REP 2 IN X CBF 3 SELECT 2 FROM * AS X' } },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PLACEMENT_UNSATISFIABLE', field: 'placementPolicy' });
    const msg = (err as Error).message;
    expect(msg).toContain('"REP 2 IN X CBF 3 SELECT 2 FROM * AS X"');
    expect(msg).toContain('1 node)');
    expect(msg).toContain('SELECT 2 FROM * AS X needs 2 nodes, 1 found');
    expect(net.calls).toContain('netmapSnapshot');
    expect(net.calls).not.toContain('containerPut');
    expect(net.calls).not.toContain('objectPut');
    expect(net.containers.size).toBe(0);
  });

  it('the same policy on a 2-node network is created; REP 1 on one node too', async () => {
    for (const [nodes, policy] of [[2, 'REP 2 IN X CBF 3 SELECT 2 FROM * AS X'], [1, 'REP 1']] as const) {
      const net = new MemoryNetwork({}, { nodes });
      const creds = await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gate], container: { create: { placementPolicy: policy } } });
      expect(creds.containerCreated).toBe(true);
      expect(net.calls.indexOf('netmapSnapshot')).toBeLessThan(net.calls.indexOf('containerPut'));
    }
  });

  it('an existing container is not checked (its policy is the network’s business by now)', async () => {
    const net = new MemoryNetwork({}, { nodes: 4 });
    const first = await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gate] });
    net.nodes = memoryNodes(1);
    net.calls.length = 0;
    await issueSecret({ store: net.as(user), userPrivateKey: user, gatePublicKeys: [gate], container: { existing: first.containerId } });
    expect(net.calls).not.toContain('netmapSnapshot');
  });

  it('a store without netmapSnapshot skips the check', async () => {
    const net = new MemoryNetwork({}, { nodes: 1 });
    const store = net.as(user);
    (store as { netmapSnapshot?: unknown }).netmapSnapshot = undefined;
    const creds = await issueSecret({ store, userPrivateKey: user, gatePublicKeys: [gate], container: { create: { placementPolicy: 'REP 3' } } });
    expect(creds.containerCreated).toBe(true);
  });
});

describe('placementShortfalls', () => {
  const byCountry = memoryNodes(5, (i) => ({ Country: ['DE', 'DE', 'DE', 'FR', 'US'][i]!, Capacity: String(i * 100) }));

  it.each([
    ['REP 3', 2, ['REP 3 keeps 3 copies on distinct nodes, 2 available']],
    ['REP 1', 0, ['REP 1 keeps 1 copies on distinct nodes, 0 available']],
    ['EC 3/1', 3, ['EC 3/1 puts 4 parts on distinct nodes, 3 available']],
    ['EC 3/1', 4, []],
    // CBF is a preference: the SDK falls back to 1 when the map is small
    ['REP 2 IN X CBF 3 SELECT 2 FROM * AS X', 2, []],
    ['REP 1 IN X SELECT 3 FROM * AS X', 2, ['SELECT 3 FROM * AS X needs 3 nodes, 2 found']],
  ])('%s on %i plain nodes', (policy, nodes, reasons) => {
    expect(placementShortfalls(ql(policy), memoryNodes(nodes))).toEqual(reasons);
  });

  it.each([
    ['REP 3 IN X SELECT 3 IN SAME Country FROM * AS X', []],
    ['REP 4 IN X SELECT 4 IN SAME Country FROM * AS X', ['SELECT 4 IN SAME Country FROM * AS X needs 4 nodes with the same Country, at most 3 found']],
    ['REP 1 IN X SELECT 3 IN DISTINCT Country FROM * AS X', []],
    ['REP 1 IN X SELECT 4 IN DISTINCT Country FROM * AS X', ['SELECT 4 IN DISTINCT Country FROM * AS X needs 4 nodes with distinct Country values, 3 found']],
    ['REP 3 IN X SELECT 3 FROM DE AS X FILTER Country EQ DE AS DE', []],
    ['REP 1 IN X SELECT 2 FROM NOTDE AS X FILTER Country NE DE AS NOTDE', []],
    [
      'REP 3 IN X SELECT 3 FROM NOTDE AS X FILTER Country NE DE AS NOTDE',
      ['SELECT 3 FROM NOTDE AS X needs 3 nodes matching filter NOTDE, 2 found', 'REP 3 IN X keeps 3 copies on distinct nodes, 2 available'],
    ],
    ['REP 1 IN X SELECT 2 FROM BIG AS X FILTER Capacity GE 300 AS BIG', []],
    ['REP 1 IN X SELECT 3 FROM BIG AS X FILTER Capacity GE 300 AS BIG', ['SELECT 3 FROM BIG AS X needs 3 nodes matching filter BIG, 2 found']],
    ['REP 1 IN X SELECT 2 FROM F AS X FILTER Country EQ DE AS D FILTER @D AND Capacity GT 0 AS F', []],
    ['REP 1 IN X SELECT 3 FROM F AS X FILTER Country EQ DE AS D FILTER @D AND Capacity GT 0 AS F', ['SELECT 3 FROM F AS X needs 3 nodes matching filter F, 2 found']],
    ['REP 1 IN X SELECT 5 FROM F AS X FILTER Country EQ FR OR Capacity LT 300 AS F', ['SELECT 5 FROM F AS X needs 5 nodes matching filter F, 4 found']],
  ])('%s on 5 nodes in DE, DE, DE, FR, US', (policy, reasons) => {
    expect(placementShortfalls(ql(policy), byCountry)).toEqual(reasons);
  });

  it('checkPlacement names the policy, the epoch and the node count', () => {
    expect(() => checkPlacement(ql('REP 2'), { epoch: 7n, nodes: memoryNodes(1) })).toThrow(
      'placement policy "REP 2" cannot be satisfied by the network map (epoch 7: 1 node): REP 2 keeps 2 copies on distinct nodes, 1 available; nothing was written',
    );
    expect(() => checkPlacement(ql('REP 2'), { epoch: 7n, nodes: memoryNodes(2) })).not.toThrow();
  });
});

describe('NetmapSnapshot response body', () => {
  it('decodes what protobufjs encodes from proto/ (epoch, nodes, keys, addresses, attributes, state)', () => {
    const root = new protobuf.Root();
    const protoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../proto');
    root.resolvePath = (_origin, target) => join(protoRoot, target);
    root.loadSync(['refs', 'session', 'netmap'].map((p) => `neo/fs/v2/${p}.proto`));
    const Body = root.lookupType('neo.fs.v2.netmap.NetmapSnapshotResponse.Body');
    const key = Uint8Array.from({ length: 33 }, (_, i) => i + 1);
    const bytes = Body.encode(
      Body.fromObject({
        netmap: {
          epoch: 77,
          nodes: [
            { publicKey: key, addresses: ['/dns4/a/tcp/8080'], attributes: [{ key: 'Country', value: 'DE', parents: [] }], state: 1 },
            { publicKey: key.slice().reverse(), addresses: [], attributes: [], state: 3 },
          ],
        },
      }),
    ).finish();
    const nm = decodeNetmapSnapshotBody(new Uint8Array(bytes)); // a plain copy: protobufjs gives a Buffer
    expect(nm.epoch).toBe(77n);
    expect(nm.nodes).toHaveLength(2);
    expect(nm.nodes[0]).toEqual({ publicKey: key, addresses: ['/dns4/a/tcp/8080'], attributes: [{ key: 'Country', value: 'DE', parents: [] }], state: NodeState.ONLINE });
    expect(nm.nodes[1]!.state).toBe(NodeState.MAINTENANCE);
    expect(() => decodeNetmapSnapshotBody(new Uint8Array())).toThrow(/no network map/);
  });
});
