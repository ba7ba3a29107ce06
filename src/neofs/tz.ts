/**
 * Tillich–Zémor homomorphic hash as NeoFS uses it (github.com/nspcc-dev/tzhash, protocol.md §6.3).
 *
 * The hash is a 2x2 matrix over GF(2^127) = GF(2)[x]/(x^127 + x^63 + 1). Starting from the
 * identity, every payload bit (most significant bit of each byte first) multiplies the state on
 * the right by A = [[x, 1], [1, 0]] (bit 0) or B = [[x, x+1], [1, 1]] (bit 1). Because matrix
 * products are associative, hash(a ‖ b) = hash(a) × hash(b) (see {@link tzConcat}).
 *
 * Speed: a field element is kept as four 32-bit words in local variables (BigInt would allocate
 * per operation). Per bit and per row (r0, r1) the update is r0' = x·r0 + r1 and r1' = r0 (bit 0)
 * or r1' = r0' + r0 (bit 1), done branch-free with a mask.
 */

/** Size of a Tillich–Zémor hash in bytes. */
export const TZ_HASH_SIZE = 64;

/** Incremental Tillich–Zémor hasher (same results as tzhash `tz.New()`). */
export class TzHash {
  // State matrix [[c00, c01], [c10, c11]], each element as 4 little-endian 32-bit words.
  private readonly s = new Int32Array(16);

  constructor() {
    this.reset();
  }

  reset(): this {
    this.s.fill(0);
    this.s[0] = 1; // c00 = 1
    this.s[12] = 1; // c11 = 1
    return this;
  }

  update(data: Uint8Array): this {
    const s = this.s;
    // Row 0: a = c00, b = c01; row 1: c = c10, d = c11.
    let a0 = s[0]!, a1 = s[1]!, a2 = s[2]!, a3 = s[3]!;
    let b0 = s[4]!, b1 = s[5]!, b2 = s[6]!, b3 = s[7]!;
    let c0 = s[8]!, c1 = s[9]!, c2 = s[10]!, c3 = s[11]!;
    let d0 = s[12]!, d1 = s[13]!, d2 = s[14]!, d3 = s[15]!;
    for (let i = 0; i < data.length; i++) {
      const byte = data[i]!;
      for (let k = 7; k >= 0; k--) {
        // m is all ones for bit 1, zero for bit 0.
        const m = -((byte >>> k) & 1);

        // Row 0: t = x·a (shift left, fold bit 127 into bits 0 and 63) + b.
        let top = a3 >>> 30; // bit 127 after the shift is bit 126 now
        let t3 = ((a3 << 1) | (a2 >>> 31)) & 0x7fffffff;
        let t2 = (a2 << 1) | (a1 >>> 31);
        let t1 = ((a1 << 1) | (a0 >>> 31)) ^ (top << 31);
        let t0 = (a0 << 1) ^ top;
        t0 ^= b0; t1 ^= b1; t2 ^= b2; t3 ^= b3;
        // Bit 0: b' = a; bit 1: b' = t + a.
        b0 = a0 ^ (t0 & m); b1 = a1 ^ (t1 & m); b2 = a2 ^ (t2 & m); b3 = a3 ^ (t3 & m);
        a0 = t0; a1 = t1; a2 = t2; a3 = t3;

        // Row 1, same with (c, d).
        top = c3 >>> 30;
        t3 = ((c3 << 1) | (c2 >>> 31)) & 0x7fffffff;
        t2 = (c2 << 1) | (c1 >>> 31);
        t1 = ((c1 << 1) | (c0 >>> 31)) ^ (top << 31);
        t0 = (c0 << 1) ^ top;
        t0 ^= d0; t1 ^= d1; t2 ^= d2; t3 ^= d3;
        d0 = c0 ^ (t0 & m); d1 = c1 ^ (t1 & m); d2 = c2 ^ (t2 & m); d3 = c3 ^ (t3 & m);
        c0 = t0; c1 = t1; c2 = t2; c3 = t3;
      }
    }
    s[0] = a0; s[1] = a1; s[2] = a2; s[3] = a3;
    s[4] = b0; s[5] = b1; s[6] = b2; s[7] = b3;
    s[8] = c0; s[9] = c1; s[10] = c2; s[11] = c3;
    s[12] = d0; s[13] = d1; s[14] = d2; s[15] = d3;
    return this;
  }

  /** The 64-byte hash c00 ‖ c01 ‖ c10 ‖ c11, each element 16 bytes big-endian. */
  digest(): Uint8Array {
    const out = new Uint8Array(TZ_HASH_SIZE);
    const view = new DataView(out.buffer);
    for (let e = 0; e < 4; e++) {
      for (let w = 0; w < 4; w++) view.setUint32(e * 16 + (3 - w) * 4, this.s[e * 4 + w]! >>> 0, false);
    }
    return out;
  }
}

/** Tillich–Zémor hash of `data` (64 bytes). */
export function tzHash(data: Uint8Array): Uint8Array {
  return new TzHash().update(data).digest();
}

// ---- Matrix product of hashes (cheap enough with BigInt: a few multiplications per part) ----

const MASK127 = (1n << 127n) - 1n;

/** Carry-less product of two field elements, reduced by x^127 + x^63 + 1. */
function gfMul(a: bigint, b: bigint): bigint {
  let r = 0n;
  for (let i = 0n; b >> i !== 0n; i++) if ((b >> i) & 1n) r ^= a << i;
  // Fold bits ≥127 down: x^127 = x^63 + 1. Two passes suffice for a 253-bit product.
  for (let pass = 0; pass < 2; pass++) {
    const hi = r >> 127n;
    r = (r & MASK127) ^ hi ^ (hi << 63n);
  }
  return r;
}

type Matrix = [bigint, bigint, bigint, bigint];

function parseHash(h: Uint8Array, index: number): Matrix {
  if (h.length !== TZ_HASH_SIZE) throw new RangeError(`tz hash #${index}: length ${h.length}, expected 64`);
  const m: bigint[] = [];
  for (let e = 0; e < 4; e++) {
    let v = 0n;
    for (let i = 0; i < 16; i++) v = (v << 8n) | BigInt(h[e * 16 + i]!);
    if (v >> 127n) throw new RangeError(`tz hash #${index}: element ${e} has its most significant bit set`);
    m.push(v);
  }
  return m as Matrix;
}

/** Combines hashes of consecutive parts into the hash of their concatenation (tzhash `Concat`). */
export function tzConcat(hashes: readonly Uint8Array[]): Uint8Array {
  let [p, q, r, s]: Matrix = [1n, 0n, 0n, 1n];
  hashes.forEach((h, i) => {
    const [e, f, g, k] = parseHash(h, i);
    [p, q, r, s] = [gfMul(p, e) ^ gfMul(q, g), gfMul(p, f) ^ gfMul(q, k), gfMul(r, e) ^ gfMul(s, g), gfMul(r, f) ^ gfMul(s, k)];
  });
  const out = new Uint8Array(TZ_HASH_SIZE);
  [p, q, r, s].forEach((v, e) => {
    for (let i = 15; i >= 0; i--, v >>= 8n) out[e * 16 + i] = Number(v & 0xffn);
  });
  return out;
}
