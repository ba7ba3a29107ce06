// The README's library example, run against the local network through the package entry point.
import { describe, expect, it } from 'vitest';
import { NeoFSClient, issueSecret, loadWalletKey, obtainSecret, parsePlacementPolicy } from '../../src/index.js';
import { devnet } from './devnet.js';

describe('library API (README example)', () => {
  it('issueSecret then obtainSecret with typed options', async () => {
    const net = devnet();
    const u = net.users[0]!;
    const gate = net.gateways[0]!;
    const user = await loadWalletKey({ path: u.path, passwordEnv: 'TEST_USER_PASSWORD', env: { TEST_USER_PASSWORD: u.password } });
    const client = new NeoFSClient({ endpoint: net.peer, signer: user.privateKey });
    const progress: string[] = [];
    try {
      const creds = await issueSecret({
        store: client,
        userPrivateKey: user.privateKey,
        gatePublicKeys: [gate.publicKey],
        container: { create: { placementPolicy: parsePlacementPolicy('REP 1') } },
        format: 'g4',
        lifetimeMs: 3_600_000,
        onProgress: (m) => progress.push(m),
      });
      expect(creds.accessKeyId).toBe(`${creds.containerId}0${creds.objectId}`);
      expect(creds.containerCreated).toBe(true);
      expect(creds.expirationEpoch).toBeGreaterThan(0n);
      expect(progress[0]).toMatch(/^creating container \w+ and waiting/);
      expect(progress.at(-1)).toBe(`storing the access box in container ${creds.containerId}`);

      const gateKey = await loadWalletKey({ path: gate.walletPath, password: gate.walletPassword });
      const got = await obtainSecret({ store: client, accessKeyId: creds.accessKeyId, gatePrivateKey: gateKey.privateKey });
      expect(got.secretAccessKey).toBe(creds.secretAccessKey);
      expect(got.format).toBe('g4');
    } finally {
      client.close();
    }
  });
});
