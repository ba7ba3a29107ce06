// issue-secret / obtain-secret failures that need the real network (neofs-node of the devnet):
// an absent --container-id, a node refusing the box PUT, a box for another gate, a tampered box,
// an object that is no box, an absent object. Each through `node bin/authmate.js` with stdin
// closed: the exit code of the Go tool, a specific message on stderr, nothing on stdout, and the
// --aws-cli-credentials file byte-identical.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devnet, type DevnetUser } from './devnet.js';
import { runOurs, type IssuedSecret } from './authmate.js';
import { loadWalletKey } from '../../src/wallet/index.js';
import { NeoFSClient } from '../../src/neofs/client.js';
import { parseAccessKeyId } from '../../src/authmate/obtain.js';
import { asContainerId, asObjectId, containerIdToString, objectIdToString, type Address } from '../../src/neofs/refs.js';
import { decodeAccessBoxMessage, decodeTokensV2Message, encodeAccessBoxMessage, encodeTokensV2Message } from '../../src/box/accessbox.js';
import { openAccessBox } from '../../src/box/box.js';
import { decodeSessionTokenV2, encodeSessionTokenV2 } from '../../src/tokens/session-v2.js';

const net = devnet();
const user1 = net.users[0]!;
const user2 = net.users[1]!;
const gw0 = net.gateways[0]!;
const gw1 = net.gateways[1]!;

const tmp = mkdtempSync(join(tmpdir(), 'authmate-e2e-errors-'));
const CREDS = join(tmp, 'credentials');
const CREDS_TEXT = '[default]\naws_access_key_id = KEEP\naws_secret_access_key = ME\n';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

async function run(args: string[], env: Record<string, string>): Promise<Outcome> {
  const started = Date.now();
  const r = await runOurs(args, { CI: 'true', AUTHMATE_WALLET_PASSPHRASE: undefined, AUTHMATE_WALLET_GATE_PASSPHRASE: undefined, ...env } as NodeJS.ProcessEnv, 60_000);
  return { ...r, ms: Date.now() - started };
}

function issueArgs(user: DevnetUser, extra: string[]): [string[], Record<string, string>] {
  return [
    ['issue-secret', '--wallet', user.path, '--peer', net.peer, '--gate-public-key', gw0.publicKey, '--aws-cli-credentials', CREDS, ...extra],
    { AUTHMATE_WALLET_PASSPHRASE: user.password },
  ];
}

function obtainArgs(gate: { walletPath: string; walletPassword: string }, accessKeyId: string): [string[], Record<string, string>] {
  return [
    ['obtain-secret', '--wallet', user1.path, '--peer', net.peer, '--gate-wallet', gate.walletPath, '--access-key-id', accessKeyId],
    { AUTHMATE_WALLET_PASSPHRASE: user1.password, AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword },
  ];
}

/** The common failure contract: code, every pattern on stderr, empty stdout, credentials file untouched. */
function expectFailure(r: Outcome, code: number, patterns: RegExp[]): void {
  expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code });
  for (const p of patterns) expect(r.stderr).toMatch(p);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(readFileSync(CREDS, 'utf8')).toBe(CREDS_TEXT);
  expect(statSync(CREDS).mtimeMs).toBe(new Date(1_000_000_000_000).getTime());
  expect(readdirSync(tmp)).toEqual(['credentials']);
}

const timings: Record<string, number> = {};
const messages: string[] = [];
const asGate = (u: DevnetUser) => ({ walletPath: u.path, walletPassword: u.password });

describe('issue-secret / obtain-secret failures against the devnet', () => {
  let client: NeoFSClient;
  let g3: IssuedSecret;
  let g4: IssuedSecret;
  let g3Box: Address;
  let g4Box: Address;

  beforeAll(async () => {
    const issue = async (extra: string[]): Promise<IssuedSecret> => {
      const r = await run(
        ['issue-secret', '--wallet', user1.path, '--peer', net.peer, '--gate-public-key', gw0.publicKey, '--container-placement-policy', 'REP 1', ...extra],
        { AUTHMATE_WALLET_PASSPHRASE: user1.password },
      );
      if (r.code !== 0) throw new Error(`issue-secret exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as IssuedSecret;
    };
    g3 = await issue(['--box-format', 'g3']);
    g4 = await issue(['--box-format', 'g4', '--container-id', g3.container_id]);
    g3Box = parseAccessKeyId(g3.access_key_id);
    g4Box = parseAccessKeyId(g4.access_key_id);
    const key = await loadWalletKey({ path: user1.path, password: user1.password });
    client = new NeoFSClient({ endpoint: net.peer, signer: key.privateKey, timeoutMs: 20_000 });
  }, 120_000);

  beforeEach(() => {
    writeFileSync(CREDS, CREDS_TEXT, { mode: 0o600 });
    const old = new Date(1_000_000_000_000);
    utimesSync(CREDS, old, old);
  });

  afterAll(() => {
    client?.close();
    rmSync(tmp, { recursive: true, force: true });
    process.stderr.write(`issue-errors timings (ms): ${JSON.stringify(timings)}\n${messages.join('\n')}\n`);
  });

  /** Stores `payload` as a new object in the box container (owned by user 1). */
  async function putCopy(payload: Uint8Array): Promise<string> {
    const oid = await client.objectPut({ containerId: g3Box.containerId, payload, attributes: [{ key: 'FilePath', value: `copy-${randomBytes(4).toString('hex')}.box` }] });
    return `${containerIdToString(g3Box.containerId)}0${objectIdToString(oid)}`;
  }

  async function check(name: string, [args, env]: [string[], Record<string, string>], code: number, patterns: RegExp[]): Promise<void> {
    const r = await run(args, env);
    timings[name] = r.ms;
    messages.push(`${name} -> ${r.code}: ${r.stderr.trim()}`);
    expectFailure(r, code, patterns);
  }

  it('the boxes made for these cases open for their gate (control)', async () => {
    const [args, env] = obtainArgs(gw0, g3.access_key_id);
    const r = await run(args, env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ secret_access_key: g3.secret_access_key });
  });

  it('--container-id well-formed but absent: exit 7, "does not exist", nothing written', async () => {
    const absent = containerIdToString(asContainerId(new Uint8Array(randomBytes(32))));
    await check('absent container', issueArgs(user1, ['--container-id', absent]), 7, [
      new RegExp(`^failed to issue secret: container ${absent} does not exist \\(the node says: .*container not found`, 'm'),
    ]);
  });

  it("--container-id of another user's private container: the node refuses the PUT (exit 7, access denied)", async () => {
    await check('node refuses PUT', issueArgs(user2, ['--container-id', g3.container_id]), 7, [
      new RegExp(`^failed to issue secret: the node refused to store the access box in container ${g3.container_id}`, 'm'),
      /ACCESS_DENIED/,
      /OBJECT_PUT is denied by basic ACL/,
    ]);
  });

  it('obtain-secret with the other gateway: no gate data for its key (exit 5)', async () => {
    await check('box for another gate (gw1)', obtainArgs(gw1, g3.access_key_id), 5, [
      new RegExp(`^failed to obtain secret: no gate data for key ${gw1.publicKey} in this AccessBox \\(the box is for gate keys ${gw0.publicKey}\\)`, 'm'),
    ]);
  });

  it('obtain-secret with a user wallet as a fake gate: no gate data (exit 5), G3 and G4 boxes', async () => {
    await check('box for another gate (user2, g3)', obtainArgs(asGate(user2), g3.access_key_id), 5, [new RegExp(`no gate data for key ${user2.publicKey}`)]);
    await check('box for another gate (user2, g4)', obtainArgs(asGate(user2), g4.access_key_id), 5, [
      new RegExp(`^failed to obtain secret: no gate data for key ${user2.publicKey} \\(account ${user2.address}\\) in this G4 AccessBox`, 'm'),
    ]);
  });

  it('obtain-secret of a G3 box whose gate ciphertext was modified: "modified or damaged" (exit 5)', async () => {
    const real = await client.objectGet(g3Box);
    const box = decodeAccessBoxMessage(real.payload);
    const entry = box.gates[0]!;
    const tokens = Uint8Array.from(entry.tokens);
    tokens[tokens.length - 20]! ^= 0x01; // one bit inside the AES-GCM ciphertext
    const tampered = encodeAccessBoxMessage({ ...box, gates: [{ ...entry, tokens }] });
    expect(tampered.length).toBe(real.payload.length);
    const ak = await putCopy(tampered);
    await check('tampered G3 box', obtainArgs(gw0, ak), 5, [
      new RegExp(`^failed to obtain secret: the AccessBox entry for gate key ${gw0.publicKey} does not decrypt as G3, G2 or G1 .*: the box was modified or damaged$`, 'm'),
    ]);
    // The unmodified copy of the same bytes still opens: it is the flipped bit, not the copying.
    const ok = await putCopy(real.payload);
    const [args, env] = obtainArgs(gw0, ok);
    const r = await run(args, env);
    expect(r.code, r.stderr).toBe(0);
  });

  it('obtain-secret of a G4 box whose session token was modified: signature check fails (exit 5)', async () => {
    const real = await client.objectGet(g4Box);
    const box = decodeAccessBoxMessage(real.payload);
    const entry = box.gates[0]!;
    const t = decodeTokensV2Message(entry.tokens);
    const token = decodeSessionTokenV2(t.sessionTokenV2);
    // Push the expiry one second later: everything still decodes, only the user's signature breaks.
    const forged = encodeSessionTokenV2({ ...token, lifetime: { ...token.lifetime!, exp: BigInt(token.lifetime!.exp) + 1n } });
    const tampered = encodeAccessBoxMessage({ ...box, gates: [{ ...entry, tokens: encodeTokensV2Message({ ...t, sessionTokenV2: forged }) }] });
    expect(() => openAccessBox(tampered, new Uint8Array(32).fill(7))).toThrow(); // sanity: not openable by anyone else either
    const ak = await putCopy(tampered);
    await check('tampered G4 box', obtainArgs(gw0, ak), 5, [/^failed to obtain secret: .*signature/m]);
  });

  it('--access-key-id of an object that is not an AccessBox (exit 5)', async () => {
    const ak = await putCopy(new TextEncoder().encode('hello, this is a text file, not an access box\n'));
    await check('not a box', obtainArgs(gw0, ak), 5, [/^failed to obtain secret: not an AccessBox: /m]);
  });

  it('--access-key-id of an absent object in an existing container (exit 5, object not found)', async () => {
    const ak = `${g3.container_id}0${objectIdToString(asObjectId(new Uint8Array(randomBytes(32))))}`;
    await check('absent object', obtainArgs(gw0, ak), 5, [new RegExp(`^failed to obtain secret: no access box at ${ak}: .*object not found`, 'm')]);
  });

  it('--access-key-id in an absent container (exit 5, container not found)', async () => {
    const ak = `${containerIdToString(asContainerId(new Uint8Array(randomBytes(32))))}0${objectIdToString(asObjectId(new Uint8Array(randomBytes(32))))}`;
    await check('absent container (obtain)', obtainArgs(gw0, ak), 5, [new RegExp(`^failed to obtain secret: no access box at ${ak}: .*container not found`, 'm')]);
  });
});
