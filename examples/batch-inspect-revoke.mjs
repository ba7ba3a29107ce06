// A batch of credentials with a preset, what one of them holds, and revoking it: in memory.
import { MemoryNetwork, inspectAccessBox, issueSecrets, obtainSecret, revokeAccessBox } from 'authmate-ts';
import { randomBytes } from 'node:crypto';
import { publicKeyFromPrivate } from 'authmate-ts/crypto';

const userKey = new Uint8Array(randomBytes(32));
const gateKey = new Uint8Array(randomBytes(32));
const network = new MemoryNetwork();
const user = network.as(userKey);
const gate = [publicKeyFromPrivate(gateKey)];

// One wallet, one connection, up to 4 writes at a time; a bad item fails alone, in input order.
const results = await issueSecrets(
  [{ gatePublicKeys: gate, preset: 'read-only' }, { gatePublicKeys: ['nope'] }, { gatePublicKeys: gate, preset: 'read-write' }],
  { store: user, userPrivateKey: userKey },
);
console.log(JSON.stringify(results.map((r) => (r.ok ? 'ok' : r.error.code))));

const { accessKeyId } = results[0].result;
const report = await inspectAccessBox({ store: user, accessKeyId, gatePrivateKey: gateKey });
console.log(JSON.stringify({ format: report.gate.format, valid: report.gate.allSignaturesValid, verbs: report.gate.tokens[0].contexts[0].verbs }));

await revokeAccessBox({ store: user, userPrivateKey: userKey, accessKeyId });
await obtainSecret({ store: user, accessKeyId, gatePrivateKey: gateKey }).catch((err) => console.log(err.code));
