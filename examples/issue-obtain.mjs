// Issue credentials for a gate, then open them as that gate would: through a NeoFS node.
// Run: PEER=127.0.0.1:8080 USER_WALLET=user.json GATE_WALLET=gate.json \
//      AUTHMATE_WALLET_PASSPHRASE=… AUTHMATE_WALLET_GATE_PASSPHRASE=… node examples/issue-obtain.mjs
import { NeoFSClient, issueSecret, loadWalletKey, obtainSecret } from 'authmate-ts';

const user = await loadWalletKey({ path: process.env.USER_WALLET, passwordEnv: 'AUTHMATE_WALLET_PASSPHRASE' });
const gate = await loadWalletKey({ path: process.env.GATE_WALLET, passwordEnv: 'AUTHMATE_WALLET_GATE_PASSPHRASE' });
const client = new NeoFSClient({ endpoint: process.env.PEER, signer: user.privateKey });
try {
  const creds = await issueSecret({
    store: client, // any AuthmateStore: a NeoFSClient, or a MemoryStore in tests
    userPrivateKey: user.privateKey,
    gatePublicKeys: [gate.publicKey],
    container: { create: { placementPolicy: 'REP 1' } },
    format: 'g4', // neofs-s3-gw v0.43+
    sessionRules: '[{"verb":"OBJECT_GET"},{"verb":"OBJECT_PUT"}]', // JSON text or a file, as --session-tokens
    lifetimeMs: 3_600_000,
    onProgress: (m) => console.error(m),
  });
  const opened = await obtainSecret({ store: client, accessKeyId: creds.accessKeyId, gatePrivateKey: gate.privateKey });
  console.log(JSON.stringify({ accessKeyId: creds.accessKeyId, same: opened.secretAccessKey === creds.secretAccessKey, format: opened.format }));
} finally {
  client.close();
}
