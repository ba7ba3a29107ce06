/**
 * presignS3Url offline: the URL's shape (path-style, key encoding, SigV4 query parameters, no
 * checksum bound into PUT URLs), its signature recomputed independently with node:crypto from
 * the SigV4 rules, lifetime bounds, and typed errors. The gateway's acceptance is e2e
 * (test/e2e/presign.test.ts).
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PresignError, presignS3Url } from '../../src/index.js';
import { MAX_PRESIGN_LIFETIME_MS, presignExpiresInSeconds } from '../../src/aws/presign.js';

const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const date = new Date('2026-03-04T05:06:07Z');

/** SigV4 query-string signature of `url` (method, path, sorted query without the signature, host header). */
function sigv4(url: string, method: string, secret: string, region: string): string {
  const u = new URL(url);
  const params = [...u.searchParams.entries()].filter(([k]) => k !== 'X-Amz-Signature');
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = params.map(([k, v]) => [enc(k), enc(v)]).sort(([a], [b]) => (a! < b! ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
  const canonical = [method, u.pathname, query, `host:${u.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const amzDate = u.searchParams.get('X-Amz-Date')!;
  const scope = `${amzDate.slice(0, 8)}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let k: Buffer = createHmac('sha256', `AWS4${secret}`).update(amzDate.slice(0, 8)).digest();
  for (const part of [region, 's3', 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
  return createHmac('sha256', k).update(toSign).digest('hex');
}

describe('presignS3Url', () => {
  it('PUT: path-style URL, encoded key, SigV4 query parameters, verifiable signature, no checksum parameters', async () => {
    const r = await presignS3Url({ endpoint: 'http://127.0.0.1:9000', bucket: 'bkt', object: 'dir/a b+c.txt', method: 'put', lifetimeMs: 90 * 60_000, region: 'eu-west-1', credentials: creds, signingDate: date });
    const u = new URL(r.url);
    expect(`${u.origin}${u.pathname}`).toBe('http://127.0.0.1:9000/bkt/dir/a%20b%2Bc.txt');
    expect(u.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(u.searchParams.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20260304/eu-west-1/s3/aws4_request');
    expect(u.searchParams.get('X-Amz-Date')).toBe('20260304T050607Z');
    expect(u.searchParams.get('X-Amz-Expires')).toBe('5400');
    expect(u.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect([...u.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(u.searchParams.get('X-Amz-Signature')).toBe(sigv4(r.url, 'PUT', creds.secretAccessKey, 'eu-west-1'));
    expect(r).toMatchObject({ method: 'PUT', region: 'eu-west-1', expiresAt: new Date(date.getTime() + 5400_000) });
  });

  it('GET with another secret gives another signature; the same inputs give the same URL', async () => {
    const o = { endpoint: 'https://s3.example:8443/', bucket: 'b', object: 'o', method: 'GET', region: 'us-east-1', credentials: creds, signingDate: date };
    const a = await presignS3Url(o);
    expect(a.url.startsWith('https://s3.example:8443/b/o?')).toBe(true);
    expect((await presignS3Url(o)).url).toBe(a.url);
    const b = await presignS3Url({ ...o, credentials: { ...creds, secretAccessKey: 'other' } });
    expect(new URL(b.url).searchParams.get('X-Amz-Signature')).not.toBe(new URL(a.url).searchParams.get('X-Amz-Signature'));
    expect(new URL(a.url).searchParams.get('X-Amz-Signature')).toBe(sigv4(a.url, 'GET', creds.secretAccessKey, 'us-east-1'));
  });

  it('lifetime: whole seconds rounded up, 7 days allowed, beyond and non-positive refused', () => {
    expect(presignExpiresInSeconds(1500)).toBe(2);
    expect(presignExpiresInSeconds(MAX_PRESIGN_LIFETIME_MS)).toBe(604800);
    expect(() => presignExpiresInSeconds(MAX_PRESIGN_LIFETIME_MS + 1000)).toThrow(/7 days/);
    expect(() => presignExpiresInSeconds(0)).toThrow(PresignError);
  });

  it.each([
    [{ method: 'DELETE' }, 'PRESIGN_METHOD', 'method'],
    [{ endpoint: '127.0.0.1:9000/x?y' }, 'PRESIGN_ENDPOINT', 'endpoint'],
    [{ bucket: '' }, 'PRESIGN_BUCKET', 'bucket'],
    [{ lifetimeMs: -1 }, 'PRESIGN_LIFETIME', 'lifetime'],
    [{ credentials: { accessKeyId: 'a', secretAccessKey: '' } }, 'PRESIGN_CREDENTIALS', 'credentials'],
  ])('%j → %s', async (change, code, field) => {
    const err = await presignS3Url({ endpoint: 'http://h:1', bucket: 'b', object: 'o', method: 'get', credentials: creds, ...change }).catch((e) => e);
    expect(err).toBeInstanceOf(PresignError);
    expect(err).toMatchObject({ code, field });
  });
});
