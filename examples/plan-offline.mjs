// Check inputs, plan and "write" with no network: the in-memory store stands in for NeoFS.
// Every bad input is an AuthmateError with a stable `code` and the `field` it is about.
import { AuthmateError, MemoryNetwork, issueSecret, obtainSecret, prepareIssue } from 'authmate-ts';
import { randomBytes } from 'node:crypto';
import { publicKeyFromPrivate } from 'authmate-ts/crypto';

const userKey = new Uint8Array(randomBytes(32));
const gateKey = new Uint8Array(randomBytes(32));
try {
  prepareIssue({ gatePublicKeys: ['03abc'], format: 'g3' });
} catch (err) {
  if (!(err instanceof AuthmateError)) throw err;
  console.log(JSON.stringify({ code: err.code, field: err.field, position: err.position }));
}
const network = new MemoryNetwork({ currentEpoch: 100n });
const creds = await issueSecret({
  store: network.as(userKey),
  userPrivateKey: userKey,
  gatePublicKeys: [publicKeyFromPrivate(gateKey)],
  bearerRules: '{"records":[{"operation":"GET","action":"ALLOW","filters":[],"targets":[{"role":"OTHERS","keys":[]}]}]}',
});
const opened = await obtainSecret({ store: network.as(gateKey), accessKeyId: creds.accessKeyId, gatePrivateKey: gateKey });
console.log(JSON.stringify({ format: opened.format, same: opened.secretAccessKey === creds.secretAccessKey, writes: network.calls }));
