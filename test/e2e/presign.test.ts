// generate-presigned-url against the real neofs-s3-gw v0.45.0: credentials issued by our CLI
// (g4 box for gateway 0), a bucket made through the gateway, then plain HTTP (no AWS SDK, no
// credentials) PUTs and GETs the object with URLs our CLI printed; an expired URL is refused.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueWith, runOurs, s3For, type IssuedSecret } from './authmate.js';
import { devnet, type Devnet, type DevnetGateway } from './devnet.js';

const bucketName = (tag: string) => `${tag}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;

/** Env with no AWS settings of the machine: each test says where credentials come from. */
const noAws = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent' };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION']) env[k] = '';
  return { ...env, ...extra };
};

describe('generate-presigned-url through the real neofs-s3-gw v0.45.0', () => {
  let net: Devnet;
  let gate: DevnetGateway;
  let creds: IssuedSecret;
  let bucket: string;

  async function presign(method: string, key: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const r = await runOurs(
      ['generate-presigned-url', '--endpoint', gate.endpoint, '--bucket', bucket, '--object', key, '--method', method, ...extra],
      noAws(env),
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { URL: string };
    expect(Object.keys(out)).toEqual(['URL']);
    return out.URL;
  }
  const withKeys = () => ['--aws-access-key-id', creds.access_key_id, '--aws-secret-access-key', creds.secret_access_key];

  beforeAll(async () => {
    net = devnet();
    gate = net.gateways[0]!;
    creds = await issueWith('ours', net, net.users[0]!, [gate.publicKey], ['--box-format', 'g4']);
    bucket = bucketName('presign');
    await s3For(gate, creds).send(new CreateBucketCommand({ Bucket: bucket }));
  });

  it('PUT with a presigned URL stores the object (read back with the SDK), GET with another returns it', async () => {
    const key = 'dir/pre signed.txt';
    const body = `presigned ${Math.random()}`;
    const putUrl = await presign('put', key, ['--lifetime', '10m', ...withKeys()]);
    expect(putUrl.startsWith(`${gate.endpoint}/${bucket}/dir/pre%20signed.txt?`)).toBe(true);
    expect(new URL(putUrl).searchParams.get('X-Amz-Expires')).toBe('600');
    const put = await fetch(putUrl, { method: 'PUT', body });
    expect(put.status, await put.text()).toBe(200);

    const viaSdk = await s3For(gate, creds).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await viaSdk.Body!.transformToString()).toBe(body);

    const getUrl = await presign('GET', key, withKeys());
    expect(new URL(getUrl).searchParams.get('X-Amz-Expires')).toBe(String(12 * 3600)); // FrostFS's default 12h
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe(body);
  });

  it('credentials from an AWS profile (--profile) and from the environment sign URLs the gateway accepts', async () => {
    const key = 'from-profile.txt';
    const dir = await mkdtemp(join(tmpdir(), 'presign-e2e-'));
    const file = join(dir, 'credentials');
    await writeFile(file, `[gw]\naws_access_key_id = ${creds.access_key_id}\naws_secret_access_key = ${creds.secret_access_key}\n`);
    const putUrl = await presign('put', key, ['--profile', 'gw', '--region', 'eu-west-1'], { AWS_SHARED_CREDENTIALS_FILE: file });
    expect(new URL(putUrl).searchParams.get('X-Amz-Credential')).toContain('/eu-west-1/s3/aws4_request');
    expect((await fetch(putUrl, { method: 'PUT', body: 'p' })).status).toBe(200);
    const getUrl = await presign('get', key, [], { AWS_ACCESS_KEY_ID: creds.access_key_id, AWS_SECRET_ACCESS_KEY: creds.secret_access_key });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('p');
  });

  it('refuses a tampered URL and an expired one (lifetime 1s, used after 2s) with HTTP 403', async () => {
    const key = 'short.txt';
    const put = await fetch(await presign('put', key, withKeys()), { method: 'PUT', body: 'short' });
    expect(put.status).toBe(200);

    const good = await presign('get', key, withKeys());
    const tampered = good.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
    expect((await fetch(tampered)).status).toBe(403);

    const short = await presign('get', key, ['--lifetime', '1s', ...withKeys()]);
    expect(new URL(short).searchParams.get('X-Amz-Expires')).toBe('1');
    await new Promise((r) => setTimeout(r, 2_500));
    const expired = await fetch(short);
    const text = await expired.text();
    expect(expired.status, text).toBe(403);
    expect(text).toMatch(/expired|AccessDenied/i);
    // The same object is still readable with a fresh URL: only the expiry refused it.
    expect((await fetch(good)).status).toBe(200);
  });
});
