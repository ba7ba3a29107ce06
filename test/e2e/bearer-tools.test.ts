// Bearer tools against the real node and neofs-cli v0.54.0: user1 owns a container whose basic
// ACL honours bearer tokens (eacl-public-read-write) and whose eACL denies GET to OTHERS; user2
// cannot read user1's object until it presents a bearer token made by our `bearer create`
// (eACL JSON allowing GET, owner user2, lifetime from the node's epoch) and signed by user1 with
// our `util sign bearer-token`. `neofs-cli object get --bearer <our file>` (binary and JSON) and
// our own client read the object; the token signed by user2 (not the container owner), and a
// token made for another user, are refused with the node's reasons.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runOurs } from './authmate.js';
import { devnet, type Devnet, type DevnetUser } from './devnet.js';
import { NeoFSClient } from '../../src/neofs/client.js';
import { parseContainerId, parseObjectId } from '../../src/neofs/refs.js';
import { loadWalletKey } from '../../src/wallet/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bearer-tools-e2e-'));
const f = (name: string) => join(dir, name);

describe('bearer tools with the real node and neofs-cli v0.54.0', () => {
  let net: Devnet;
  let user1: DevnetUser;
  let user2: DevnetUser;
  let cid: string;
  let oid: string;
  let payload: Buffer;

  /** neofs-cli as `user`, without throwing: the code and output of a refusal are asserted. */
  const cli = (user: DevnetUser, args: string[]) => net.run('neofs-cli', ['-c', net.cliConfig(user), ...args]);
  const ours = async (args: string[], user?: DevnetUser) => {
    const r = await runOurs(args, user ? { AUTHMATE_WALLET_PASSPHRASE: user.password } : {});
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };
  const getAs = (user: DevnetUser, out: string, extra: string[] = []) => cli(user, ['object', 'get', '--cid', cid, '--oid', oid, '--file', out, ...extra]);

  beforeAll(async () => {
    net = devnet();
    [user1, user2] = [net.users[0]!, net.users[1]!];
    const created = await net.neofsCli(user1, ['-r', net.peer, 'container', 'create', '--policy', 'REP 1', '--basic-acl', 'eacl-public-read-write', '--await']);
    cid = /container ID: (\w+)/.exec(created)![1]!;
    payload = randomBytes(512);
    writeFileSync(f('payload.bin'), payload);
    const put = await net.neofsCli(user1, ['-r', net.peer, 'object', 'put', '--cid', cid, '--file', f('payload.bin')]);
    oid = /OID: (\w+)/.exec(put)![1]!;
    // Before the eACL: user2 reads (the container is public), so a later refusal is the eACL's.
    expect((await getAs(user2, f('before.bin'))).code).toBe(0);
    await net.neofsCli(user1, ['acl', 'extended', 'create', '--cid', cid, '-r', 'deny get others', '--out', f('deny.json')]);
    await net.neofsCli(user1, ['-r', net.peer, 'container', 'set-eacl', '--cid', cid, '--table', f('deny.json')]);
    // set-eacl returns before the chain applies it: wait until user2 is refused.
    for (let i = 0; ; i++) {
      const r = await getAs(user2, f('probe.bin'));
      if (r.code !== 0) break;
      if (i > 150) throw new Error('eACL deny get others never took effect');
      await new Promise((res) => setTimeout(res, 200));
    }
  }, 120_000);

  it('without a bearer token user2 is denied by the eACL', async () => {
    const r = await getAs(user2, f('denied.bin'));
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/access denied|denied/i);
  });

  it('our bearer create + util sign (binary): neofs-cli object get --bearer reads the object as user2', async () => {
    const rules = JSON.stringify({ records: [{ operation: 'GET', action: 'ALLOW', filters: [], targets: [{ role: 'OTHERS', keys: [] }] }] });
    const created = await ours(['bearer', 'create', '--eacl', rules, '--owner', user2.address, '--lifetime', '10', '--rpc-endpoint', net.peer, '--out', f('plain.bin')]);
    const info = JSON.parse(created.stdout);
    const epoch = await net.epoch();
    expect(info).toMatchObject({ owner: user2.address, issuer: null, signed: false, lifetime: { iat: String(epoch), nbf: String(epoch), exp: String(epoch + 10) } });
    await ours(['util', 'sign', 'bearer-token', '--from', f('plain.bin'), '--to', f('signed.bin'), '--wallet', user1.path], user1);
    const r = await getAs(user2, f('got.bin'), ['--bearer', f('signed.bin')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(f('got.bin')).equals(payload)).toBe(true);
  });

  it('the JSON form (--json) works the same, and our own client reads with the token as user2', async () => {
    writeFileSync(f('allow.json'), JSON.stringify({ records: [{ operation: 'GET', action: 'ALLOW', targets: [{ role: 'OTHERS' }] }] }));
    await ours(['bearer', 'create', '--eacl', f('allow.json'), '--owner', user2.address, '--expire-at', '+5', '-r', net.peer, '--json', '--out', f('plain.json')]);
    await ours(['util', 'sign', 'bearer-token', '--from', f('plain.json'), '--to', f('signed.json'), '--json', '--wallet', user1.path], user1);
    const signed = JSON.parse(readFileSync(f('signed.json'), 'utf8'));
    expect(signed.signature.scheme).toBe('ECDSA_RFC6979_SHA256');
    const r = await getAs(user2, f('got-json.bin'), ['--bearer', f('signed.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(f('got-json.bin')).equals(payload)).toBe(true);

    const key = await loadWalletKey({ path: user2.path, password: user2.password });
    const client = new NeoFSClient({ endpoint: net.peer, signer: key.privateKey });
    try {
      const address = { containerId: parseContainerId(cid), objectId: parseObjectId(oid) };
      await expect(client.objectGet(address)).rejects.toThrow(/denied/i);
      const got = await client.objectGet(address, { bearerToken: new Uint8Array(readFileSync(f('signed.bin'))) });
      expect(Buffer.from(got.payload).equals(payload)).toBe(true);
    } finally {
      client.close();
    }
  });

  it('the node refuses the token signed by user2 (not the container owner) and a token for another owner', async () => {
    await ours(['util', 'sign', 'bearer-token', '--from', f('plain.bin'), '--to', f('by-user2.bin'), '--wallet', user2.path], user2);
    const byUser2 = await getAs(user2, f('x.bin'), ['--bearer', f('by-user2.bin')]);
    expect(byUser2.code).not.toBe(0);
    expect(byUser2.stderr).toMatch(/bearer token issuer differs from the container owner/);
    // A token for user1's address presented by user2: the owner check.
    await ours(['bearer', 'create', '--eacl', f('allow.json'), '--owner', user1.address, '-l', '5', '-r', net.peer, '--out', f('for-user1.bin')]);
    await ours(['util', 'sign', 'bearer-token', '--from', f('for-user1.bin'), '--to', f('for-user1.signed.bin'), '--wallet', user1.path], user1);
    const wrongOwner = await getAs(user2, f('y.bin'), ['--bearer', f('for-user1.signed.bin')]);
    expect(wrongOwner.code).not.toBe(0);
    expect(wrongOwner.stderr).toMatch(/bearer token owner differs from the request sender/);
  });

  it('neofs-cli reads what we sign: its util sign of our unsigned token gives our bytes', async () => {
    const r = await cli(user1, ['util', 'sign', 'bearer-token', '--from', f('plain.bin'), '--to', f('cli-signed.bin')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(f('cli-signed.bin')).equals(readFileSync(f('signed.bin')))).toBe(true);
  });
});
