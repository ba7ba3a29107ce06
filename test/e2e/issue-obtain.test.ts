// Our issue-secret / obtain-secret against the real network and the real gateways
// (neofs-s3-gw v0.45.0, which reads g4 boxes), cross-checked with the real Go authmate.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueWith, obtainWith, runOurs, s3For, type IssuedSecret } from './authmate.js';
import { devnet, type Devnet, type DevnetUser } from './devnet.js';

const bucketName = (tag: string) => `${tag}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;

describe('our issue-secret (g4) with the real neofs-s3-gw v0.45.0', () => {
  let net: Devnet;
  let user: DevnetUser;
  let creds: IssuedSecret;

  beforeAll(async () => {
    net = devnet();
    user = net.users[0]!;
    creds = await issueWith('ours', net, user, net.gateways.map((g) => g.publicKey), ['--box-format', 'g4']);
  });

  it('prints the Go tool\'s fields: cid0oid access key, 64-hex secret, keys, container', () => {
    expect(Object.keys(creds)).toEqual(['access_key_id', 'secret_access_key', 'owner_private_key', 'wallet_public_key', 'container_id']);
    expect(creds.access_key_id.startsWith(`${creds.container_id}0`)).toBe(true);
    expect(creds.secret_access_key).toMatch(/^[0-9a-f]{64}$/);
    expect(creds.owner_private_key).toMatch(/^[0-9a-f]{64}$/);
    expect(creds.wallet_public_key).toBe(user.publicKey);
  });

  it('each of two gateways serves bucket create, put, list, get and delete with the same credentials', async () => {
    for (const gate of net.gateways) {
      const s3 = s3For(gate, creds);
      const bucket = bucketName('ours');
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      const body = `hello from ${gate.endpoint} ${Math.random()}`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt', Body: body }));
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect(listed.Contents?.map((c) => c.Key)).toEqual(['dir/hello.txt']);
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt' }));
      expect(await got.Body!.transformToString()).toBe(body);
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt' }));
      const after = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect(after.Contents ?? []).toEqual([]);
    }
  });

  it('a wrong secret is refused by the gateway (the check is real)', async () => {
    const s3 = s3For(net.gateways[0]!, { ...creds, secret_access_key: 'ab'.repeat(32) });
    await expect(s3.send(new CreateBucketCommand({ Bucket: bucketName('bad') }))).rejects.toThrow(/SignatureDoesNotMatch|signature/i);
  });

  it('Go obtain-secret returns our secret with either gate wallet, and so does ours', async () => {
    for (const gate of net.gateways) {
      expect(await obtainWith('go', net, user, gate, creds.access_key_id)).toBe(creds.secret_access_key);
      expect(await obtainWith('ours', net, user, gate, creds.access_key_id)).toBe(creds.secret_access_key);
    }
  });

  it('session rules without OBJECT_PUT make the gateway refuse a PUT, while GET still works', async () => {
    const gate = net.gateways[0]!;
    const full = s3For(gate, creds);
    const bucket = bucketName('ro');
    await full.send(new CreateBucketCommand({ Bucket: bucket }));
    await full.send(new PutObjectCommand({ Bucket: bucket, Key: 'kept.txt', Body: 'kept' }));

    const rules = JSON.stringify([{ verb: 'OBJECT_GET' }, { verb: 'OBJECT_HEAD' }, { verb: 'OBJECT_SEARCH' }]);
    const readOnly = await issueWith('ours', net, user, [gate.publicKey], ['--box-format', 'g4', '--session-tokens', rules]);
    const ro = s3For(gate, readOnly);
    const got = await ro.send(new GetObjectCommand({ Bucket: bucket, Key: 'kept.txt' }));
    expect(await got.Body!.transformToString()).toBe('kept');
    // The node refuses ("session token verb is invalid"); gateway v0.45 reports that as a 500.
    await expect(ro.send(new PutObjectCommand({ Bucket: bucket, Key: 'denied.txt', Body: 'no' }))).rejects.toThrow(/AccessDenied|internal error/i);
    const listed = await full.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['kept.txt']);
  });
});

describe('cross-checks with the real Go neofs-s3-authmate v0.45.0', () => {
  it('our obtain-secret reads a box that Go issued', async () => {
    const net = devnet();
    const user = net.users[1]!;
    const goCreds = await issueWith('go', net, user, net.gateways.map((g) => g.publicKey));
    for (const gate of net.gateways) {
      expect(await obtainWith('ours', net, user, gate, goCreds.access_key_id)).toBe(goCreds.secret_access_key);
    }
  });

  it('our obtain-secret works without --wallet (requests signed with the gate key)', async () => {
    const net = devnet();
    const gate = net.gateways[1]!;
    const creds = await issueWith('ours', net, net.users[0]!, [gate.publicKey], ['--box-format', 'g4']);
    const r = await runOurs(['obtain-secret', '--peer', net.peer, '--gate-wallet', gate.walletPath, '--access-key-id', creds.access_key_id], {
      AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ secret_access_key: creds.secret_access_key });
  });
});

describe('issue-secret options', () => {
  it('--aws-cli-credentials merges a profile (0600) and the profile works against the gateway', async () => {
    const net = devnet();
    const dir = await mkdtemp(join(tmpdir(), 'aws-e2e-'));
    const file = join(dir, 'credentials');
    const gate = net.gateways[0]!;
    const creds = await issueWith('ours', net, net.users[0]!, [gate.publicKey], ['--box-format', 'g4', '--aws-cli-credentials', file]);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(`[default]\naws_access_key_id = ${creds.access_key_id}\naws_secret_access_key = ${creds.secret_access_key}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('--container-id reuses an existing container and the friendly name is set on a new one', async () => {
    const net = devnet();
    const user = net.users[0]!;
    const gate = net.gateways[0]!;
    const first = await issueWith('ours', net, user, [gate.publicKey], ['--box-format', 'g4', '--container-friendly-name', bucketName('authbox')]);
    const second = await issueWith('ours', net, user, [gate.publicKey], ['--box-format', 'g4', '--container-id', first.container_id]);
    expect(second.container_id).toBe(first.container_id);
    expect(second.access_key_id).not.toBe(first.access_key_id);
    expect(await obtainWith('ours', net, user, gate, second.access_key_id)).toBe(second.secret_access_key);
  });

  it('g3 boxes (neofs-s3-gw v0.37-v0.44 format) round-trip through our obtain-secret', async () => {
    const net = devnet();
    const user = net.users[0]!;
    const creds = await issueWith('ours', net, user, net.gateways.map((g) => g.publicKey), ['--box-format', 'g3']);
    for (const gate of net.gateways) expect(await obtainWith('ours', net, user, gate, creds.access_key_id)).toBe(creds.secret_access_key);
  });
});
