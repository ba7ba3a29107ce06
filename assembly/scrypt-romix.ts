// scrypt's ROMix (RFC 7914 §5) for one lane, in AssemblyScript with WebAssembly SIMD.
// Built by scripts/build-kernel.mjs; the host (src/crypto/scrypt/) grows the memory, writes one
// 128*r-byte block at LANE, calls romix(r, N), reads the block back from LANE and calls wipe
// after its last lane.
//
// Salsa20/8 runs on four v128 rows holding the state's diagonals, so each quarter-round step is
// one vector operation. The kernel keeps every block in that "diagonal" word order throughout
// (word i of a 64-byte chunk holds standard word 5*i mod 16) and converts only at entry and exit:
// XOR and addition are word-wise, and Integerify reads word 0, which the order leaves in place.

/** Where the lane's block sits; below it is AssemblyScript's own (unused) static area. */
const LANE: usize = 65536;

export function laneOffset(): usize {
  return LANE;
}

/** Bytes of memory romix(r, N) needs from 0: the block X, a scratch block Y and V (N blocks). */
export function memoryNeeded(r: u32, N: u32): f64 {
  return <f64>LANE + 128.0 * <f64>r * (<f64>N + 2.0);
}

// @ts-ignore: decorator
@inline
function rotl(x: v128, n: i32): v128 {
  return v128.or(i32x4.shl(x, n), i32x4.shr_u(x, 32 - n));
}

/** out = Salsa20/8(a ^ b) where a, b, out are 64-byte chunks in diagonal order (out may be a). */
// @ts-ignore: decorator
@inline
function salsaXor(a: usize, b: usize, out: usize): void {
  let x0 = v128.xor(v128.load(a), v128.load(b));
  let x1 = v128.xor(v128.load(a, 16), v128.load(b, 16));
  let x2 = v128.xor(v128.load(a, 32), v128.load(b, 32));
  let x3 = v128.xor(v128.load(a, 48), v128.load(b, 48));
  const s0 = x0, s1 = x1, s2 = x2, s3 = x3;
  for (let i = 0; i < 4; i++) {
    // Column round: rows are (x0,x5,x10,x15) (x4,x9,x14,x3) (x8,x13,x2,x7) (x12,x1,x6,x11).
    x1 = v128.xor(x1, rotl(i32x4.add(x0, x3), 7));
    x2 = v128.xor(x2, rotl(i32x4.add(x1, x0), 9));
    x3 = v128.xor(x3, rotl(i32x4.add(x2, x1), 13));
    x0 = v128.xor(x0, rotl(i32x4.add(x3, x2), 18));
    // Row round: the same steps once the other rows are rotated so their lanes line up.
    x1 = v128.shuffle<i32>(x1, x1, 3, 0, 1, 2);
    x2 = v128.shuffle<i32>(x2, x2, 2, 3, 0, 1);
    x3 = v128.shuffle<i32>(x3, x3, 1, 2, 3, 0);
    x3 = v128.xor(x3, rotl(i32x4.add(x0, x1), 7));
    x2 = v128.xor(x2, rotl(i32x4.add(x3, x0), 9));
    x1 = v128.xor(x1, rotl(i32x4.add(x2, x3), 13));
    x0 = v128.xor(x0, rotl(i32x4.add(x1, x2), 18));
    x1 = v128.shuffle<i32>(x1, x1, 1, 2, 3, 0);
    x2 = v128.shuffle<i32>(x2, x2, 2, 3, 0, 1);
    x3 = v128.shuffle<i32>(x3, x3, 3, 0, 1, 2);
  }
  v128.store(out, i32x4.add(x0, s0));
  v128.store(out, i32x4.add(x1, s1), 16);
  v128.store(out, i32x4.add(x2, s2), 32);
  v128.store(out, i32x4.add(x3, s3), 48);
}

/**
 * out = BlockMix(src ^ mask) (RFC 7914 §4) with mask == 0 meaning no mask; out must not overlap
 * src. The running 64-byte state lives in the output chunk just written, so no scratch is needed.
 */
function blockMix(src: usize, mask: usize, out: usize, r: u32): void {
  const len: usize = <usize>r * 128;
  let prev: usize;
  if (mask) {
    // X = (src ^ mask)[2r-1], kept at out's first chunk until the loop overwrites it.
    const last = len - 64;
    for (let k: usize = 0; k < 64; k += 16) {
      v128.store(out + k, v128.xor(v128.load(src + last + k), v128.load(mask + last + k)));
    }
  } else {
    memory.copy(out, src + len - 64, 64);
  }
  prev = out;
  for (let i: u32 = 0; i < 2 * r; i++) {
    // Even chunks go to the first half of out, odd ones to the second (the shuffle of §4).
    const dst: usize = out + (i & 1 ? <usize>(r + (i >> 1)) : <usize>(i >> 1)) * 64;
    const inp: usize = src + <usize>i * 64;
    if (mask) {
      // prev ^ src_i ^ mask_i: fold the mask into prev first (prev may be dst's slot).
      const m: usize = mask + <usize>i * 64;
      for (let k: usize = 0; k < 64; k += 16) v128.store(dst + k, v128.xor(v128.load(prev + k), v128.load(m + k)));
      salsaXor(dst, inp, dst);
    } else {
      salsaXor(prev, inp, dst);
    }
    prev = dst;
  }
}

/** Standard word order <-> diagonal order for each 64-byte chunk of a block, through Y. */
function reorder(x: usize, y: usize, r: u32, toDiagonal: bool): void {
  const chunks: usize = <usize>r * 2;
  for (let c: usize = 0; c < chunks; c++) {
    const from = x + c * 64;
    const to = y + c * 64;
    for (let i: usize = 0; i < 16; i++) {
      const s: usize = (i * 5) & 15;
      if (toDiagonal) store<u32>(to + i * 4, load<u32>(from + s * 4));
      else store<u32>(to + s * 4, load<u32>(from + i * 4));
    }
  }
  memory.copy(x, y, chunks * 64);
}

/** ROMix of the block at LANE, in place. N is a power of two (the host checks). */
export function romix(r: u32, N: u32): void {
  const len: usize = <usize>r * 128;
  const x: usize = LANE;
  const y: usize = x + len;
  const v: usize = y + len;
  reorder(x, y, r, true);
  // V_0 = X, V_{i+1} = BlockMix(V_i): each step writes straight into the next slot.
  memory.copy(v, x, len);
  for (let i: u32 = 0; i + 1 < N; i++) blockMix(v + <usize>i * len, 0, v + <usize>(i + 1) * len, r);
  blockMix(v + <usize>(N - 1) * len, 0, x, r);
  // X = BlockMix(X ^ V_j), j = Integerify(X) mod N, ping-ponging between X and Y.
  let a = x, b = y;
  for (let i: u32 = 0; i < N; i++) {
    const j = load<u32>(a + len - 64) & (N - 1);
    blockMix(a, v + <usize>j * len, b, r);
    const t = a;
    a = b;
    b = t;
  }
  if (a != x) memory.copy(x, a, len);
  reorder(x, y, r, false);
}

/** Zeroes X, Y and V: they hold password-derived data (the host calls it after its last lane). */
export function wipe(r: u32, N: u32): void {
  memory.fill(LANE, 0, <usize>r * 128 * (<usize>N + 2));
}
