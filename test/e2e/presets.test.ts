// Rule presets and batch issuance on the local network, proven through the real neofs-s3-gw
// v0.45.0 (g4 boxes): each preset's allowed S3 operations succeed and the others are refused;
// --bucket limits a preset to one existing bucket; inspect shows the verbs a preset produced; a
// batch of 20 credentials goes into one existing container in one process and each opens.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueWith, obtainWith, runOurs, s3For, type IssuedSecret } from './authmate.js';
import { devnet } from './devnet.js';

const net = devnet();
const user = net.users[0]!;
const gate = net.gateways[0]!;
const bucketName = (tag: string) => `${tag}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** Refusals: the node refuses the token's verb; gateway v0.45 reports AccessDenied or a 500. */
const REFUSED = /AccessDenied|internal error|denied|UnknownError|Unknown/i;

type Op = 'head' | 'get' | 'list' | 'put' | 'delete' | 'createBucket';

/** Each S3 operation against `bucket` (holding key `kept`); true = it succeeded, else the error. */
async function tryOps(s3: S3Client, bucket: string): Promise<Record<Op, true | string>> {
  const out = {} as Record<Op, true | string>;
  const attempt = async (op: Op, f: () => Promise<unknown>) => {
    try {
      await f();
      out[op] = true;
    } catch (err) {
      out[op] = `${(err as Error).name}: ${(err as Error).message}`;
    }
  };
  await attempt('head', () => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'kept' })));
  await attempt('get', async () => {
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'kept' }));
    expect(await got.Body!.transformToString()).toBe('kept');
  });
  await attempt('list', () => s3.send(new ListObjectsV2Command({ Bucket: bucket })));
  await attempt('put', () => s3.send(new PutObjectCommand({ Bucket: bucket, Key: `new-${randomBytes(3).toString('hex')}`, Body: 'new' })));
  await attempt('delete', () => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'kept' })));
  await attempt('createBucket', () => s3.send(new CreateBucketCommand({ Bucket: bucketName('made') })));
  return out;
}

describe('presets through the real gateway (g4)', () => {
  let full: IssuedSecret;
  let s3full: S3Client;
  let bucket: string;
  const issuePreset = (preset: string, extra: string[] = []) => issueWith('ours', net, user, [gate.publicKey], ['--container-id', full.container_id, '--preset', preset, ...extra]);
  const refill = () => s3full.send(new PutObjectCommand({ Bucket: bucket, Key: 'kept', Body: 'kept' }));

  beforeAll(async () => {
    // full credentials make the bucket (and the box container the others reuse).
    full = await issueWith('ours', net, user, [gate.publicKey], ['--preset', 'full']);
    s3full = s3For(gate, full);
    bucket = bucketName('preset');
    await s3full.send(new CreateBucketCommand({ Bucket: bucket }));
    await refill();
  });

  const expected: Record<string, Record<Op, boolean>> = {
    'read-only': { head: true, get: true, list: true, put: false, delete: false, createBucket: false },
    'read-write': { head: true, get: true, list: true, put: true, delete: true, createBucket: false },
    // SEARCH comes with PUT (the gateway searches before it stores), so keys can be listed.
    'put-only': { head: false, get: false, list: true, put: true, delete: false, createBucket: false },
    full: { head: true, get: true, list: true, put: true, delete: true, createBucket: true },
  };
  for (const [preset, allowed] of Object.entries(expected)) {
    it(`${preset}: ${Object.entries(allowed).map(([op, ok]) => `${op} ${ok ? 'ok' : 'refused'}`).join(', ')}`, async () => {
      const creds = preset === 'full' ? full : await issuePreset(preset);
      const got = await tryOps(s3For(gate, creds), bucket);
      for (const [op, ok] of Object.entries(allowed) as [Op, boolean][]) {
        if (ok) expect(got[op], `${preset} ${op}`).toBe(true);
        else expect(got[op], `${preset} ${op} must be refused`).toMatch(REFUSED);
      }
      if (got.delete === true) await refill();
    });
  }

  it('full also deletes a bucket; read-write cannot', async () => {
    const b = bucketName('del');
    await s3full.send(new CreateBucketCommand({ Bucket: b }));
    const rw = s3For(gate, await issuePreset('read-write'));
    await expect(rw.send(new DeleteBucketCommand({ Bucket: b }))).rejects.toThrow(REFUSED);
    await s3full.send(new DeleteBucketCommand({ Bucket: b }));
  });

  it('--bucket: read-write limited to one bucket writes there and is refused in another bucket of the same owner', async () => {
    const other = bucketName('other');
    await s3full.send(new CreateBucketCommand({ Bucket: other }));
    const limited = s3For(gate, await issuePreset('read-write', ['--bucket', bucket]));
    await limited.send(new PutObjectCommand({ Bucket: bucket, Key: 'scoped', Body: 'in' }));
    const got = await limited.send(new GetObjectCommand({ Bucket: bucket, Key: 'scoped' }));
    expect(await got.Body!.transformToString()).toBe('in');
    await expect(limited.send(new PutObjectCommand({ Bucket: other, Key: 'scoped', Body: 'out' }))).rejects.toThrow(REFUSED);
  });

  it('--bucket that the wallet does not own is not found (exit 7), before anything is written', async () => {
    const r = await runOurs(
      ['issue-secret', '--wallet', net.users[1]!.path, '--peer', net.peer, '--gate-public-key', gate.publicKey, '--preset', 'read-only', '--bucket', bucket],
      { AUTHMATE_WALLET_PASSPHRASE: net.users[1]!.password },
    );
    expect(r.code, r.stderr).toBe(7);
    expect(r.stderr).toMatch(new RegExp(`^failed to issue secret: --bucket: no bucket named "${bucket}" among the containers owned by the issuing wallet`, 'm'));
    expect(r.stdout).toBe('');
  });

  it('inspect shows the verbs a preset produced (put-only: OBJECT_PUT and OBJECT_SEARCH only)', async () => {
    const creds = await issuePreset('put-only', ['--bucket', bucket]);
    const r = await runOurs(['inspect', '--peer', net.peer, '--access-key-id', creds.access_key_id, '--gate-wallet', gate.walletPath], {
      AUTHMATE_WALLET_GATE_PASSPHRASE: gate.walletPassword,
    });
    expect(r.code, r.stderr).toBe(0);
    const verbs = [...r.stdout.matchAll(/"(OBJECT_[A-Z]+|CONTAINER_[A-Z_]+)"/g)].map((m) => m[1]);
    expect(new Set(verbs)).toEqual(new Set(['OBJECT_PUT', 'OBJECT_SEARCH']));
  });
});

describe('issue-secret --batch on the local network', () => {
  it('20 credentials into one existing container, one process; JSON lines in input order; each opens with obtain-secret; a put-only line works at the gateway', async () => {
    const first = await issueWith('ours', net, user, [gate.publicKey]);
    const dir = mkdtempSync(join(tmpdir(), 'authmate-batch-e2e-'));
    const file = join(dir, 'batch.jsonl');
    const presets = ['read-only', 'read-write', 'put-only', 'full'];
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ preset: presets[i % 4], lifetime: `${i + 1}h` }));
    lines.splice(10, 0, '', '{"preset": "nope"}'); // a blank line and a bad line in the middle
    writeFileSync(file, `${lines.join('\n')}\n`);

    const r = await runOurs(
      ['issue-secret', '--wallet', user.path, '--peer', net.peer, '--gate-public-key', gate.publicKey, '--container-id', first.container_id, '--batch', file],
      { AUTHMATE_WALLET_PASSPHRASE: user.password },
    );
    expect(r.code, r.stderr).toBe(100); // the bad line's exit code
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.line)).toEqual([...Array.from({ length: 10 }, (_, i) => i + 1), 12, ...Array.from({ length: 10 }, (_, i) => i + 13)]);
    expect(out[10]).toMatchObject({ line: 12, code: 'PRESET_UNKNOWN', exit_code: 100 });
    const issued = out.filter((o) => o.access_key_id !== undefined) as unknown as (IssuedSecret & { line: number })[];
    expect(issued).toHaveLength(20);
    expect(new Set(issued.map((c) => c.access_key_id)).size).toBe(20);
    for (const c of issued) {
      expect(c.container_id).toBe(first.container_id);
      expect(await obtainWith('ours', net, user, gate, c.access_key_id)).toBe(c.secret_access_key);
    }
    // line 3 is put-only
    const putOnly = s3For(gate, issued[2]!);
    const b = bucketName('batch');
    await s3For(gate, first).send(new CreateBucketCommand({ Bucket: b }));
    await putOnly.send(new PutObjectCommand({ Bucket: b, Key: 'k', Body: 'v' }));
    await expect(putOnly.send(new GetObjectCommand({ Bucket: b, Key: 'k' }))).rejects.toThrow(REFUSED);
  });
});
