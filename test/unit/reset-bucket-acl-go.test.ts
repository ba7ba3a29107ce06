/**
 * Our planBucketAclReset against the real rule: tools/golden-box/reset-acl runs neofs-s3-gw
 * v0.45.0's handler.UpdateBucketOwnership (what `neofs-s3-authmate reset-bucket-acl` applies) on
 * the same tables, and both results must print the same protojson. The tables are random but
 * seeded, drawn from records near the rule's edges (DENY/ALLOW, PUT/other, request/object
 * header, STRING_NOT_EQUAL/other matchers, the BucketOwnerField key or another). Skipped without
 * a Go toolchain, except under CI=true.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { planBucketAclReset } from '../../src/authmate/reset-bucket-acl.js';
import { asContainerId } from '../../src/neofs/refs.js';
import { eaclTableToJSON, type EACLFilter, type EACLRecord, type EACLTable } from '../../src/policy/eacl.js';
import { buildGoTool, goToolBin, hasGo, requireGoInCI } from './go-tools.js';

/** mulberry32: a seeded generator, so a failure reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTables(count: number, seed: number): EACLTable[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const filter = (): EACLFilter => ({
    headerType: pick([1, 1, 1, 2]),
    matchType: pick([2, 2, 1, 3]),
    key: pick(['BucketOwnerField', 'BucketOwnerField', 'Other']),
    value: pick(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter', 'bucket-owner-full-control', '']),
  });
  const marker = (n: number): Uint8Array => Uint8Array.from({ length: 25 }, (_, i) => (i === 0 ? 0x35 : i === 20 ? n : 0));
  const record = (): EACLRecord => ({
    action: pick([2, 2, 1]),
    operation: pick([3, 3, 1, 4]),
    filters: Array.from({ length: pick([0, 1, 1, 2]) }, filter),
    targets: [pick([{ role: 3, keys: [] }, { role: 1, keys: [] }, { role: 0, keys: [marker(pick([1, 2, 3, 4]))] }])],
    // API 2.22 comments must survive the reset (the table is read, then set again).
    ...(r() < 0.2 ? { comment: pick(['set by neofs-s3-gw', 'ünïcode']) } : {}),
  });
  return Array.from({ length: count }, (_, i) => ({
    version: { major: 2, minor: pick([0, 16]) },
    ...(i % 3 === 0 ? {} : { containerId: asContainerId(Uint8Array.from({ length: 32 }, (_, k) => (k * 7 + i) & 0xff || 1)) }),
    records: Array.from({ length: pick([0, 1, 2, 3, 5]) }, record),
  }));
}

type GoTable = { records: { comment?: string }[] } & Record<string, unknown>;

requireGoInCI('the Go reset-bucket-acl rule (tools/golden-box/reset-acl)');

describe.skipIf(!hasGo)('planBucketAclReset = neofs-s3-gw v0.45.0 UpdateBucketOwnership', () => {
  beforeAll(() => {
    buildGoTool('reset-acl');
  }, 600_000);

  it('400 seeded tables: the same result table, record for record', () => {
    const tables = randomTables(400, 0x5eed);
    const go = (JSON.parse(execFileSync(goToolBin('reset-acl'), { input: JSON.stringify(tables.map(eaclTableToJSON)), encoding: 'utf8' })) as GoTable[]).map(
      // SDK rc.21 prints every field; ours prints a comment only when there is one.
      (t) => ({ ...t, records: t.records.map(({ comment, ...rest }) => (comment ? { ...rest, comment } : rest)) }),
    );
    const ours = tables.map((t) => eaclTableToJSON(planBucketAclReset(t).table));
    expect(go).toHaveLength(tables.length);
    ours.forEach((o, i) => expect(go[i], `table ${i}`).toEqual(o));
    // The sample reaches both outcomes often enough to mean something.
    const removed = tables.filter((t) => planBucketAclReset(t).removed).length;
    expect(removed).toBeGreaterThan(50);
    expect(tables.length - removed).toBeGreaterThan(50);
    expect(ours.filter((t) => (t.records as { comment?: string }[]).some((x) => x.comment)).length).toBeGreaterThan(20);
  });
});
