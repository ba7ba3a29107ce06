/**
 * NEP-2's byte layout and the bounds on what a wallet file may ask of us. Dependency-free, so
 * that src/cli/early.ts can share them without loading the wallet code (--help stays cheap).
 */

/** First bytes of a decoded NEP-2 key: 0x01 0x42 (NEP-2), 0xe0 (flags: compressed key). */
export const NEP2_HEADER: readonly number[] = Object.freeze([0x01, 0x42, 0xe0]);
/** Decoded NEP-2 key without its base58check checksum: header(3) || addressHash(4) || encrypted(32). */
export const NEP2_ENCODED_LENGTH = 39;
/** Where the address hash (the scrypt salt) sits in the decoded key. */
export const NEP2_SALT_START = 3;
export const NEP2_SALT_END = 7;

/**
 * Bound of scrypt's working memory per lane (128 * N * r bytes): 1 GiB, i.e. up to N = 2^20 with
 * r = 8. Larger values in a wallet file are far more likely corruption than intent.
 */
export const SCRYPT_MAX_MEMORY = 2 ** 30;

/**
 * Bound of scrypt's work, N * r * p: 2^24, sixteen times NEP-2's (16384 * 8 * 8 = 2^20), about
 * 4 s of one core. Without it `"p": 65536` in a wallet means half an hour of CPU before any
 * error could be reported.
 */
export const SCRYPT_MAX_WORK = 2 ** 24;

/** Largest wallet file we read (a NEP-6 account is ~0.5 KiB, so this is ~30,000 accounts). */
export const WALLET_FILE_MAX_BYTES = 16 * 2 ** 20;

/** Why `{n, r, p}` is refused (the text names the parameters and the bound), or undefined if fine. */
export function scryptParamsProblem(params: { n: unknown; r: unknown; p: unknown }): string | undefined {
  const { n, r, p } = params;
  const shown = `n=${String(n)}, r=${String(r)}, p=${String(p)}`;
  for (const [name, v] of [['n', n], ['r', r], ['p', p]] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      return `unsupported scrypt parameters (${shown}): ${name} must be a positive integer`;
    }
  }
  const [N, R, P] = [n, r, p] as [number, number, number];
  if (N < 2 || N > 2 ** 30 || (N & (N - 1)) !== 0) {
    return `unsupported scrypt parameters (${shown}): n must be a power of two between 2 and 2^30`;
  }
  // RFC 7914's own limit.
  if (R * P >= 2 ** 30) return `unsupported scrypt parameters (${shown}): r * p must be below 2^30`;
  if (128 * N * R > SCRYPT_MAX_MEMORY) {
    return `unsupported scrypt parameters (${shown}): they need ${Math.ceil((128 * N * R) / 2 ** 20)} MiB, more than the ${SCRYPT_MAX_MEMORY / 2 ** 20} MiB allowed`;
  }
  if (N * R * P > SCRYPT_MAX_WORK) {
    return `unsupported scrypt parameters (${shown}): n * r * p = ${N * R * P} is more work than the limit of 2^${Math.log2(SCRYPT_MAX_WORK)} = ${SCRYPT_MAX_WORK} (NEP-2's is 2^20)`;
  }
  return undefined;
}
