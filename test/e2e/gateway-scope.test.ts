// What real neofs-s3-gw v0.45.0 gateways do with the credentials' scope: a box for 9 gate keys
// (two session tokens v2: 8 subjects + 1) works through each gateway, whichever token holds its
// key; and session rules limited to one container are enforced (another bucket is refused).
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAccessKeyId } from '../../src/authmate/obtain.js';
import { openAccessBox } from '../../src/box/box.js';
import { bytesToHex, publicKeyFromPrivate } from '../../src/crypto/keys.js';
import { randomScalar } from '../../src/crypto/p256-native.js';
import { loadWalletKey } from '../../src/wallet/index.js';
import { NeoFSClient } from '../../src/neofs/client.js';
import { containerIdToString } from '../../src/neofs/refs.js';
import { issueWith, s3For, type IssuedSecret } from './authmate.js';
import { devnet, type Devnet } from './devnet.js';

const bucketName = (tag: string) => `${tag}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

describe('credential scope through two real gateways', () => {
  let net: Devnet;
  let client: NeoFSClient;

  beforeAll(async () => {
    net = devnet();
    const user = await loadWalletKey({ path: net.users[0]!.path, password: net.users[0]!.password });
    client = new NeoFSClient({ endpoint: net.peer, signer: user.privateKey });
    return () => client.close();
  });

  /** The container the gateway made for `bucket` (its `Name` attribute), found among the user's containers. */
  async function bucketContainer(bucket: string): Promise<string> {
    for (const id of await client.containerList()) {
      const { container } = await client.containerGet(id);
      if (container.attributes.some((a) => a.key === 'Name' && a.value === bucket)) return containerIdToString(id);
    }
    throw new Error(`no container named ${bucket}`);
  }

  it('9 gate keys: two session tokens (8 + 1 subjects); gateway 0 (in the first) and gateway 1 (the ninth key) both serve', async () => {
    const [gw0, gw1] = net.gateways as [(typeof net.gateways)[0], (typeof net.gateways)[0]];
    const others = Array.from({ length: 7 }, () => bytesToHex(publicKeyFromPrivate(randomScalar())));
    const keys = [gw0.publicKey, ...others, gw1.publicKey];
    const creds = await issueWith('ours', net, net.users[0]!, keys);

    // The box as the gateways read it: gw1's key is the only subject of the second token.
    const gw1Key = await loadWalletKey({ path: gw1.walletPath, password: gw1.walletPassword });
    const { payload } = await client.objectGet(parseAccessKeyId(creds.access_key_id));
    const box = openAccessBox(payload, gw1Key.privateKey);
    expect(box.format).toBe('g4');
    expect(box.sessionTokenV2!.subjects).toHaveLength(1);
    const gw0Key = await loadWalletKey({ path: gw0.walletPath, password: gw0.walletPassword });
    expect(openAccessBox(payload, gw0Key.privateKey).sessionTokenV2!.subjects).toHaveLength(8);

    for (const gate of [gw0, gw1]) {
      const s3 = s3For(gate, creds);
      const bucket = bucketName('nine');
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: gate.endpoint }));
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' }));
      expect(await got.Body!.transformToString()).toBe(gate.endpoint);
    }
  });

  it('session rules limited to one container: the gateway writes there and is refused elsewhere', async () => {
    const gate = net.gateways[0]!;
    const full: IssuedSecret = await issueWith('ours', net, net.users[0]!, [gate.publicKey]);
    const s3full = s3For(gate, full);
    const [allowed, other] = [bucketName('only'), bucketName('other')];
    await s3full.send(new CreateBucketCommand({ Bucket: allowed }));
    await s3full.send(new CreateBucketCommand({ Bucket: other }));
    const cid = await bucketContainer(allowed);

    const verbs = ['OBJECT_PUT', 'OBJECT_GET', 'OBJECT_HEAD', 'OBJECT_SEARCH'];
    const limited = await issueWith('ours', net, net.users[0]!, [gate.publicKey], [
      '--session-tokens',
      JSON.stringify(verbs.map((verb) => ({ verb, containerID: cid }))),
    ]);
    const s3 = s3For(gate, limited);
    await s3.send(new PutObjectCommand({ Bucket: allowed, Key: 'in', Body: 'yes' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: allowed, Key: 'in' }));
    expect(await got.Body!.transformToString()).toBe('yes');
    // The other bucket takes writes (with the unlimited credentials), but not through a token for
    // another container: the node refuses it; gateway v0.45 reports that as denied or a 500.
    await s3full.send(new PutObjectCommand({ Bucket: other, Key: 'out', Body: 'full' }));
    await expect(s3.send(new PutObjectCommand({ Bucket: other, Key: 'out', Body: 'no' }))).rejects.toThrow(/AccessDenied|internal error|denied/i);
  });
});
