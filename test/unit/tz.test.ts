import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TZ_HASH_SIZE, TzHash, tzConcat, tzHash } from '../../src/neofs/tz.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

// Test cases of github.com/nspcc-dev/tzhash v1.8.3, tz/hash_test.go (`testCases`).
const upstream: [number[], string][] = [
  [[], '00000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001'],
  [[0], '00000000000000000000000000000151000000000000000000000000000000800000000000000000000000000000008000000000000000000000000000000051'],
  [[1, 2], '000000000000000000000000000139800000000000000000000000000000c0010000000000000000000000000000b98100000000000000000000000000007981'],
  [[2, 0, 1], '00000000000000000000000001f980d10000000000000000000000000139805100000000000000000000000000c001d100000000000000000000000000b98080'],
  [[3, 2, 1, 0], '0000000000000000000000015540398000000000000000000000000082a1a88100000000000000000000000082a1d10100000000000000000000000050006881'],
  [[0xff, 0xff, 0xff, 0xff, 0xff], '0000000000000000000001bb00ba00ba000000000000000000000101010101010000000000000000000000ff00ff00ff0000000000000000000000ba01bb01bb'],
  [[0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa], '000000000000000000016ad06ad16bd100000000000000000000ff00ff00ff0000000000000000000000808080808080000000000000000000006bd16bd06ad1'],
  [[0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55], '0000000000000000018c8c118d9d009d00000000000000000169680169680168000000000000000000f0f000f0f000f00000000000000000009d9c109c8d018d'],
  [[0, 1, 2, 3, 4, 5, 6, 7, 8], '00000000000001e4a545e5b90fb6882b00000000000000c849cd88f79307f67100000000000000cd0c898cb68356e624000000000000007cbcdc7c5e89b16e4b'],
  [[4, 8, 15, 16, 23, 42, 255, 0, 127, 65, 32, 123, 42, 45, 201, 210, 213, 244], '4db8a8e253903c70ab0efb65fe6de05a36d1dc9f567a147152d0148a86817b2062908d9b026a506007c1118e86901b672a39317c55ee3c10ac8efafa79efe8ee'],
];

interface GoVectors {
  hashes: { name: string; input: string; hash: string }[];
  concat: { parts: string[]; hash: string }[];
}
const go = JSON.parse(readFileSync(new URL('../vectors/tz/tzhash.json', import.meta.url), 'utf8')) as GoVectors;

describe('tzHash', () => {
  it.each(upstream)('tzhash repo vector %j', (input, want) => {
    expect(hex(tzHash(Uint8Array.from(input)))).toBe(want);
  });

  it('matches the Go tzhash module on generated vectors', () => {
    expect(go.hashes.length).toBeGreaterThan(10);
    for (const v of go.hashes) expect(hex(tzHash(unhex(v.input))), v.name).toBe(v.hash);
  });

  it('is incremental: any split of the input gives the same digest', () => {
    const v = go.hashes.find((h) => h.input.length === 2000)!;
    const data = unhex(v.input);
    for (const cut of [0, 1, 7, 500, 999, 1000]) {
      const h = new TzHash().update(data.subarray(0, cut)).update(data.subarray(cut)).digest();
      expect(hex(h)).toBe(v.hash);
    }
  });

  it('reset restores the identity', () => {
    const h = new TzHash().update(Uint8Array.of(1, 2, 3));
    expect(hex(h.reset().digest())).toBe(upstream[0]![1]);
    expect(h.digest()).toHaveLength(TZ_HASH_SIZE);
  });
});

describe('tzConcat', () => {
  it('matches tz.Concat of the Go module', () => {
    for (const c of go.concat) {
      const parts = c.parts.map(unhex);
      expect(hex(tzConcat(parts.map((p) => tzHash(p))))).toBe(c.hash);
      // Homomorphism: the concatenated payload hashes to the same value.
      expect(hex(tzHash(Buffer.concat(parts)))).toBe(c.hash);
    }
  });

  it('of nothing is the identity', () => {
    expect(hex(tzConcat([]))).toBe(upstream[0]![1]);
  });

  it('rejects malformed hashes', () => {
    expect(() => tzConcat([new Uint8Array(63)])).toThrow('tz hash #0: length 63, expected 64');
    const bad = new Uint8Array(64);
    bad[16] = 0x80;
    expect(() => tzConcat([tzHash(new Uint8Array(0)), bad])).toThrow('tz hash #1: element 1 has its most significant bit set');
  });
});
