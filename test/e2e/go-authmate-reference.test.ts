// Reference behaviour of the real Go `neofs-s3-authmate` (pinned version) on the local network:
// issue-secret for two gate keys, then a real S3 client works through each real gateway, and
// Go's obtain-secret (with either gate wallet) returns the same secret. Our own issue-secret
// must match this behaviour.
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueWith, obtainWith, s3For as s3, type IssuedSecret } from './authmate.js';
import { devnet, type Devnet, type DevnetUser } from './devnet.js';

describe('Go neofs-s3-authmate (reference) on the local network', () => {
  let net: Devnet;
  let user: DevnetUser;
  let secret: IssuedSecret;

  beforeAll(async () => {
    net = devnet();
    user = net.users[0]!;
    secret = await issueWith('go', net, user, net.gateways.map((g) => g.publicKey));
  });

  it('issue-secret returns the documented fields', () => {
    expect(secret.wallet_public_key).toBe(user.publicKey);
    expect(secret.secret_access_key).toMatch(/^[0-9a-f]{64}$/);
    expect(secret.owner_private_key).toMatch(/^[0-9a-f]{64}$/);
    // access key id = <box container id> "0" <box object id>
    expect(secret.access_key_id.startsWith(secret.container_id + '0')).toBe(true);
  });

  it.each([0, 1])('an S3 client creates a bucket, puts and gets an object through gateway %i', async (i) => {
    const gate = net.gateways[i]!;
    const client = s3(gate, secret);
    const bucket = `ref-${i}-${randomBytes(4).toString('hex')}`;
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const body = randomBytes(50_000);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'dir/hello.bin', Body: body }));
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/hello.bin' }));
    expect(Buffer.compare(Buffer.from(await got.Body!.transformToByteArray()), body)).toBe(0);

    // The other gateway serves the same bucket with the same credentials.
    const other = s3(net.gateways[1 - i]!, secret);
    const listed = await other.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual(['dir/hello.bin']);
  });

  it('obtain-secret with either gate wallet returns the issued secret', async () => {
    for (const gate of net.gateways) {
      expect(await obtainWith('go', net, user, gate, secret.access_key_id)).toBe(secret.secret_access_key);
    }
  });

  it('a gateway whose key is not in the box rejects the credentials', async () => {
    const only0 = await issueWith('go', net, user, [net.gateways[0]!.publicKey]);
    const bucket = `ref-only0-${randomBytes(4).toString('hex')}`;
    await s3(net.gateways[0]!, only0).send(new CreateBucketCommand({ Bucket: bucket }));
    await expect(s3(net.gateways[1]!, only0).send(new ListObjectsV2Command({ Bucket: bucket }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });
});
