// Session tools on the real network, with the real neofs-cli v0.54 on the other side:
// (a) the NeoFS CLI session document's two commands with our tool — `session create` opens a
//     dynamic session (the node keeps the key), `util sign session-token` signs it — and the real
//     `neofs-cli object put --session` stores an object under that session, owned by the user;
// (b) tokens made by neofs-cli are read and signed by our tools, and a token signed by our tool
//     (static session: user 1 lets user 2's key act) is accepted by neofs-cli and by the node;
// (c) error cases: wrong password, missing context, tampered signature, not a token.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToBytes } from '../../src/crypto/keys.js';
import { NeoFSClient } from '../../src/neofs/client.js';
import { containerIdToString, newUuidV4, ownerIdFromPublicKey, parseContainerId, parseObjectId, uuidToString } from '../../src/neofs/refs.js';
import { decodeSessionTokenAny, encodeSessionTokenJson, readSessionTokenFile } from '../../src/session/index.js';
import { ObjectSessionVerb, encodeSessionToken, verifySessionToken, type SessionToken } from '../../src/tokens/session-v1.js';
import { loadWalletKey } from '../../src/wallet/index.js';
import { runOurs } from './authmate.js';
import { devnet, type Devnet, type DevnetUser } from './devnet.js';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

describe('session tools against the real node and neofs-cli', () => {
  let net: Devnet;
  let user: DevnetUser;
  let other: DevnetUser;
  let cid: string;
  let oid: string;
  const dir = mkdtempSync(join(tmpdir(), 'session-tools-'));
  const f = (name: string) => join(dir, name);
  const env = () => ({ AUTHMATE_WALLET_PASSPHRASE: user.password });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs our CLI; fails the test on a non-zero exit. */
  async function ours(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
    const r = await runOurs(args, { ...env(), ...extraEnv });
    expect(r.code, `authmate ${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r.stdout;
  }

  /** The real neofs-cli as `u`, without failing on a non-zero exit. */
  const cliAs = (u: DevnetUser, args: string[]) => net.run('neofs-cli', ['-c', net.cliConfig(u), ...args]);
  /** Same, for commands that talk to the node. */
  const cliNet = (u: DevnetUser, args: string[]) => cliAs(u, ['-r', net.peer, ...args]);

  /** Object put through the real neofs-cli within a session token file; returns the object ID. */
  async function putWithSession(token: string): Promise<string> {
    writeFileSync(f('payload.bin'), randomBytes(1000));
    const out = await net.neofsCli(user, ['-r', net.peer, 'object', 'put', '--cid', cid, '--file', f('payload.bin'), '--session', token]);
    const id = /OID: (\w+)/.exec(out)?.[1];
    expect(id, out).toBeTruthy();
    return id!;
  }

  /** The stored object's header as neofs-cli prints it in JSON. */
  async function headJson(id: string): Promise<any> {
    const out = await net.neofsCli(user, ['-r', net.peer, 'object', 'head', '--cid', cid, '--oid', id, '--json']);
    return JSON.parse(out);
  }

  beforeAll(async () => {
    net = devnet();
    [user, other] = [net.users[0]!, net.users[1]!];
    const created = await net.neofsCli(user, ['-r', net.peer, 'container', 'create', '--policy', 'REP 1', '--basic-acl', 'private']);
    cid = /container ID: (\w+)/.exec(created)![1]!;
    writeFileSync(f('first.bin'), randomBytes(100));
    const put = await net.neofsCli(user, ['-r', net.peer, 'object', 'put', '--cid', cid, '--file', f('first.bin')]);
    oid = /OID: (\w+)/.exec(put)![1]!;
  });

  describe('(a) the document flow: our session create + util sign, the real neofs-cli object put', () => {
    it('session create --rpc-endpoint --out writes the blank token neofs-cli writes (binary, same fields)', async () => {
      // As the document writes it; the wallet comes from AUTHMATE_WALLET as neofs-cli takes it from its config.
      const out = JSON.parse(await ours(['session', 'create', '--rpc-endpoint', net.peer, '--out', f('blank_token')], { AUTHMATE_WALLET: user.path }));
      const epoch = BigInt(await net.epoch());
      const ourBlank = await readSessionTokenFile(f('blank_token'));
      expect(ourBlank.format).toBe('binary');
      expect(out.id).toBe(uuidToString(ourBlank.token.id));

      const r = await cliNet(user, ['session', 'create', '--wallet', user.path, '--out', f('cli_blank'), '--lifetime', '10']);
      expect(r.code, r.stderr).toBe(0);
      const cliBlank = await readSessionTokenFile(f('cli_blank'));
      expect(cliBlank.format).toBe('binary');
      // Same shape: id, lifetime {exp, nbf = iat = current epoch}, session key, empty object context; no owner, no signature.
      for (const t of [ourBlank.token, cliBlank.token]) {
        expect(t.ownerId).toBeUndefined();
        expect(t.signature).toBeUndefined();
        expect(t.sessionKey).toHaveLength(33);
        expect(t.context).toEqual({ kind: 'object', verb: 0, objectIds: [] });
        expect(BigInt(t.lifetime!.exp) - BigInt(t.lifetime!.iat)).toBe(10n);
        expect(BigInt(t.lifetime!.nbf)).toBe(BigInt(t.lifetime!.iat));
        expect(BigInt(t.lifetime!.iat) === epoch || BigInt(t.lifetime!.iat) === epoch - 1n).toBe(true);
      }
      // Byte layout: equal once the node's random parts (ID, key) are swapped in.
      const ourBytes = encodeSessionToken({ ...ourBlank.token, id: cliBlank.token.id, sessionKey: cliBlank.token.sessionKey! });
      expect(b64(ourBytes)).toBe(b64(cliBlank.bytes));
      expect(b64(encodeSessionToken(ourBlank.token))).toBe(b64(ourBlank.bytes));
    });

    it('--wallet W util sign session-token --from ./blank_token --to ./token (with --verb/--cid); neofs-cli object put stores the object under our session', async () => {
      await ours(['session', 'create', '--rpc-endpoint', net.peer, '--wallet', user.path, '--out', f('blank2')]);
      const blank = (await readSessionTokenFile(f('blank2'))).token;
      // --wallet before the sub-commands, as the document writes it.
      const signedOut = JSON.parse(
        await ours(['--wallet', user.path, 'util', 'sign', 'session-token', '--from', f('blank2'), '--to', f('token2'), '--verb', 'PUT', '--cid', cid]),
      );
      expect(signedOut.issuer).toBe(user.address);
      const signed = await readSessionTokenFile(f('token2'));
      expect(signed.format).toBe('binary');
      verifySessionToken(signed.token);
      expect(signed.token.context).toEqual({ kind: 'object', verb: ObjectSessionVerb.PUT, containerId: parseContainerId(cid), objectIds: [] });

      const id = await putWithSession(f('token2'));
      const head = await headJson(id);
      const userOwner = b64(ownerIdFromPublicKey(hexToBytes(user.publicKey)));
      expect(head.header.ownerID.value).toBe(userOwner);
      // The node signed the object with the session key it kept for our session.
      expect(head.header.sessionToken.body.id).toBe(b64(blank.id));
      expect(head.header.sessionToken.body.sessionKey).toBe(b64(blank.sessionKey!));
      expect(head.signature.key).toBe(b64(blank.sessionKey!));
      expect(head.header.sessionToken.body.ownerID.value).toBe(userOwner);
    });

    it('session create --verb PUT --cid then the document command as written; --json blank too', async () => {
      // A multiaddr endpoint, as neofs-cli also takes it.
      const multiaddr = `/ip4/${net.peer.replace(':', '/tcp/')}`;
      await ours(['session', 'create', '-r', multiaddr, '-w', user.path, '--out', f('blank3'), '--verb', 'PUT', '--cid', cid, '--lifetime', '5']);
      await ours(['--wallet', user.path, 'util', 'sign', 'session-token', '--from', f('blank3'), '--to', f('token3')]);
      const id = await putWithSession(f('token3'));
      expect((await headJson(id)).header.sessionToken.body.id).toBe(b64((await readSessionTokenFile(f('blank3'))).token.id));

      // JSON blank, read by neofs-cli as is (it finalizes and signs dynamic tokens itself).
      await ours(['session', 'create', '-r', net.peer, '-w', user.path, '--out', f('blank4.json'), '--json', '--expire-at', String((await net.epoch()) + 3)]);
      expect(readFileSync(f('blank4.json'), 'utf8')).toMatch(/^\{"body":\{"id":"[^"]+","ownerID":null,"lifetime":\{"exp":"\d+","nbf":"\d+","iat":"\d+"\},"sessionKey":"[^"]+","object":\{"verb":"VERB_UNSPECIFIED","target":null\}\},"signature":null\}$/);
      const id4 = await putWithSession(f('blank4.json'));
      expect((await headJson(id4)).header.sessionToken.body.id).toBe(b64((await readSessionTokenFile(f('blank4.json'))).token.id));
    });
  });

  describe('(b) interoperability with neofs-cli tokens; our signature accepted by neofs-cli and the node', () => {
    it('our util sign signs blanks made by neofs-cli session create (binary and --json); neofs-cli puts with them', async () => {
      for (const [name, json] of [['cli_b', false], ['cli_j.json', true]] as const) {
        const r = await cliNet(user, ['session', 'create', '--wallet', user.path, '--out', f(name), '--lifetime', '10', ...(json ? ['--json'] : [])]);
        expect(r.code, r.stderr).toBe(0);
        await ours(['util', 'sign', 'session-token', '--wallet', user.path, '--from', f(name), '--to', f(`${name}.signed`), '--verb', 'PUT', '--cid', cid]);
        const signed = await readSessionTokenFile(f(`${name}.signed`));
        expect(signed.format).toBe(json ? 'json' : 'binary');
        verifySessionToken(signed.token);
        const id = await putWithSession(f(`${name}.signed`));
        expect((await headJson(id)).header.sessionToken.body.id).toBe(b64(signed.token.id));
      }
    });

    it('tokens signed by neofs-cli util sign session-token are decoded and verified by our code', async () => {
      await ours(['session', 'create', '-r', net.peer, '-w', user.path, '--out', f('blank5')]);
      const r = await cliAs(user, ['util', 'sign', 'session-token', '--from', f('blank5'), '--to', f('cli_signed.json'), '--force-issuer']);
      expect(r.code, r.stderr).toBe(0);
      const got = decodeSessionTokenAny(readFileSync(f('cli_signed.json')));
      expect(got.format).toBe('json');
      verifySessionToken(got.token);
      // Without --force-issuer neofs-cli keeps the (absent) issuer: our code says why the token is unusable.
      const r2 = await cliAs(user, ['util', 'sign', 'session-token', '--from', f('blank5'), '--to', f('cli_noissuer.json')]);
      expect(r2.code, r2.stderr).toBe(0);
      expect(() => verifySessionToken(decodeSessionTokenAny(readFileSync(f('cli_noissuer.json'))).token)).toThrow(/no owner/);
      // Our JSON of the same token is what neofs-cli wrote (field for field).
      expect(JSON.parse(encodeSessionTokenJson(got.token))).toEqual(JSON.parse(readFileSync(f('cli_signed.json'), 'utf8')));
    });

    /** A static token: user 1 lets user 2's key HEAD objects of user 1's private container. */
    function staticToken(verb: string): string {
      const prepared = {
        body: {
          id: b64(newUuidV4()),
          lifetime: { exp: '1000000', nbf: '0', iat: '0' },
          sessionKey: b64(hexToBytes(other.publicKey)),
          object: { verb, target: { container: { value: b64(parseContainerId(cid)) } } },
        },
      };
      const p = f(`static-${verb}-${Date.now()}.json`);
      writeFileSync(p, JSON.stringify(prepared));
      return p;
    }

    it('a static token signed by our tool: neofs-cli (as user 2) checks it and the node lets user 2 HEAD user 1’s private object', async () => {
      const denied = await cliNet(other, ['object', 'head', '--cid', cid, '--oid', oid]);
      expect(denied.code).not.toBe(0);
      expect(denied.stdout + denied.stderr).toMatch(/access to operation OBJECT_HEAD is denied/);

      const prepared = staticToken('HEAD');
      await ours(['-w', user.path, 'util', 'sign', 'session-token', '--from', prepared, '--to', f('static.signed.json')]);
      const ok = await cliNet(other, ['object', 'head', '--cid', cid, '--oid', oid, '--session', f('static.signed.json')]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain(`ID: ${oid}`);

      // The node itself, with neofs-cli out of the way: our client signs as user 2 and attaches the token.
      const otherKey = (await loadWalletKey({ path: other.path, password: other.password })).privateKey;
      const client = new NeoFSClient({ endpoint: net.peer, signer: otherKey });
      try {
        const token = (await readSessionTokenFile(f('static.signed.json'))).token;
        const address = { containerId: parseContainerId(cid), objectId: parseObjectId(oid) };
        await expect(client.objectHead(address)).rejects.toThrow(/denied/);
        const head = await client.objectHead(address, { sessionToken: encodeSessionToken(token) });
        expect(containerIdToString(head.header.containerId!)).toBe(cid);

        // Tampered: one byte of the signature flipped. Our reader, neofs-cli and the node refuse it.
        const sig = token.signature!;
        const bad: SessionToken = { ...token, signature: { ...sig, sign: sig.sign.map((b, i) => (i === 10 ? b ^ 1 : b)) } };
        expect(() => verifySessionToken(bad)).toThrow(/signature/);
        writeFileSync(f('tampered.json'), encodeSessionTokenJson(bad));
        const cli = await cliNet(other, ['object', 'head', '--cid', cid, '--oid', oid, '--session', f('tampered.json')]);
        expect(cli.code).not.toBe(0);
        expect(cli.stdout + cli.stderr).toMatch(/verify session token signature/);
        const refused = await client.objectHead(address, { sessionToken: encodeSessionToken(bad) }).then(() => undefined, (e: Error) => e);
        // "invalid request meta header: authenticate session token: scheme ECDSA_RFC6979_SHA256: signature mismatch"
        expect(refused?.message).toMatch(/authenticate session token: .*signature mismatch/);
      } finally {
        client.close();
        otherKey.fill(0);
      }
    });
  });

  describe('(c) errors', () => {
    it('wrong password: exit 1, nothing written', async () => {
      await ours(['session', 'create', '-r', net.peer, '-w', user.path, '--out', f('blank8'), '--verb', 'PUT', '--cid', cid]);
      const r = await runOurs(['session', 'create', '-r', net.peer, '-w', user.path, '--out', f('never')], { AUTHMATE_WALLET_PASSPHRASE: 'wrong' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/password/i);
      expect(() => readFileSync(f('never'))).toThrow();
      const s = await runOurs(['-w', user.path, 'util', 'sign', 'session-token', '--from', f('blank8'), '--to', f('never')], { AUTHMATE_WALLET_PASSPHRASE: 'wrong' });
      expect(s.code).toBe(1);
    });

    it('a blank token (no context) is signed as in the session docs, with a warning naming what nodes will miss', async () => {
      await ours(['session', 'create', '-r', net.peer, '-w', user.path, '--out', f('blank6')]);
      const r = await runOurs(['-w', user.path, 'util', 'sign', 'session-token', '--from', f('blank6'), '--to', f('blank6.signed')], {
        AUTHMATE_WALLET_PASSPHRASE: user.password,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/warning: .*no context \(verb and container\).*--verb and --cid/);
      const half = await runOurs(['-w', user.path, 'util', 'sign', 'session-token', '--from', f('blank6'), '--to', f('half.signed'), '--verb', 'PUT'], {
        AUTHMATE_WALLET_PASSPHRASE: user.password,
      });
      expect(half.code, half.stderr).toBe(0);
      expect(half.stderr).toMatch(/no container in its object context: give --cid/);
    });

    it('not a token, a token signed for another issuer, --to = --from, expiration in the past, unreachable node', async () => {
      writeFileSync(f('text.txt'), 'hello, I am not a token\n');
      writeFileSync(f('bad.json'), '{"body":{"id":"AAAA","sessionKey":1}}');
      for (const [file, msg] of [
        [f('text.txt'), /not a session token/],
        [f('bad.json'), /invalid session token JSON: body\.id: .*16 bytes/],
        [f('nope'), /no such file/],
      ] as const) {
        const r = await runOurs(['-w', user.path, 'util', 'sign', 'session-token', '--from', file, '--to', f('never')]);
        expect(r.code, r.stderr).toBe(8);
        expect(r.stderr).toMatch(msg);
      }
      await ours(['session', 'create', '-r', net.peer, '-w', user.path, '--out', f('blank7'), '--verb', 'PUT', '--cid', cid]);
      await ours(['-w', user.path, 'util', 'sign', 'session-token', '--from', f('blank7'), '--to', f('token7')]);
      // token7 is user 1's; user 2 may not sign it without --force-issuer.
      const foreign = await runOurs(['-w', other.path, 'util', 'sign', 'session-token', '--from', f('token7'), '--to', f('never')], { AUTHMATE_WALLET_PASSPHRASE: other.password });
      expect(foreign.code).toBe(8);
      expect(foreign.stderr).toMatch(/issuer .* is not the signing account .*--force-issuer/);
      const same = await runOurs(['-w', user.path, 'util', 'sign', 'session-token', '--from', f('token7'), '--to', f('token7')]);
      expect(same.code).toBe(100);
      expect(same.stderr).toMatch(/is the --from file/);
      const past = await runOurs(['session', 'create', '-r', net.peer, '-w', user.path, '--out', f('never'), '--expire-at', '1'], env());
      expect(past.code).toBe(5);
      expect(past.stderr).toMatch(/must be greater than the current epoch/);
      const down = await runOurs(['session', 'create', '-r', '127.0.0.1:1', '-w', user.path, '--out', f('never')], env());
      expect(down.code).toBe(2);
      expect(() => readFileSync(f('never'))).toThrow();
    });
  });
});
