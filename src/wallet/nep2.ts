/**
 * NEP-2 encrypted private keys (`6P...`), as NEP-6 wallets store them.
 *
 * Layout: base58check(0x01 0x42 0xe0 || addressHash[4] || encrypted[32]), where
 * addressHash = SHA256(SHA256(N3 address))[0:4], (half1, half2) = scrypt(NFC(password),
 * addressHash, N, r, p, 64) and encrypted = AES-256-ECB(half2, key XOR half1).
 * A wrong password is detected by the address hash of the decrypted key.
 *
 * scrypt is node:crypto's (OpenSSL, native): a pure-JS scrypt is several times slower.
 */
import { AuthmateError } from '../errors.js';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { isValidScalar } from '../crypto/p256-native.js';
import { runScrypt, takeScrypt } from './scrypt-cache.js';
import { addressFromPublicKey, base58CheckDecode, base58CheckEncode, KeyFormatError, publicKeyFromPrivate } from '../crypto/keys.js';

/** scrypt parameters as a NEP-6 wallet's `scrypt` block spells them. */
export interface ScryptParams {
  n: number;
  r: number;
  p: number;
}

/** NEP-2's parameters; neo-go writes them into every new wallet. */
export const NEP2_SCRYPT: Readonly<ScryptParams> = Object.freeze({ n: 16384, r: 8, p: 8 });

/**
 * Upper bound of scrypt's working memory (128 * N * r bytes) that we agree to allocate: 1 GiB,
 * i.e. up to N = 2^20 with r = 8. Larger values in a wallet file are far more likely corruption
 * than intent, and would otherwise exhaust memory or hang.
 */
export const SCRYPT_MAX_MEMORY = 1 << 30;

const HEADER = [0x01, 0x42, 0xe0] as const;
const ENCODED_LENGTH = 39;

/** What went wrong, so that callers can choose a message or exit code. */
export type Nep2ErrorKind = 'format' | 'password' | 'scrypt';

export class Nep2Error extends AuthmateError {
  readonly kind: Nep2ErrorKind;

  constructor(kind: Nep2ErrorKind, message: string) {
    super(`NEP2_${kind.toUpperCase().replace(/-/g, '_')}`, message);
    this.kind = kind;
  }
}

/** Throws a `Nep2Error('scrypt')` naming the offending parameter. */
export function checkScryptParams(params: ScryptParams): void {
  const { n, r, p } = params;
  const shown = `n=${n}, r=${r}, p=${p}`;
  for (const [name, v] of [['n', n], ['r', r], ['p', p]] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      throw new Nep2Error('scrypt', `unsupported scrypt parameters (${shown}): ${name} must be a positive integer`);
    }
  }
  if (n < 2 || (n & (n - 1)) !== 0 || n > 2 ** 30) {
    throw new Nep2Error('scrypt', `unsupported scrypt parameters (${shown}): n must be a power of two between 2 and 2^30`);
  }
  // RFC 7914 limit.
  if (r * p >= 2 ** 30) {
    throw new Nep2Error('scrypt', `unsupported scrypt parameters (${shown}): r * p must be below 2^30`);
  }
  if (128 * n * r > SCRYPT_MAX_MEMORY) {
    throw new Nep2Error(
      'scrypt',
      `unsupported scrypt parameters (${shown}): they need ${Math.ceil((128 * n * r) / 2 ** 20)} MiB, more than the ${SCRYPT_MAX_MEMORY / 2 ** 20} MiB allowed`,
    );
  }
}

function deriveKey(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  checkScryptParams(params);
  const { n: N, r, p } = params;
  const pw = Buffer.from(password.normalize('NFC'), 'utf8');
  // The CLI may have started this very scrypt run at start-up (src/cli/early.ts).
  const run = takeScrypt(pw, salt, N, r, p) ?? runScrypt(pw, salt, N, r, p);
  return run.catch((err: Error) => {
    throw new Nep2Error('scrypt', `scrypt failed: ${err.message}`);
  });
}

function addressHash(priv: Uint8Array): Uint8Array {
  const address = addressFromPublicKey(publicKeyFromPrivate(priv));
  return sha256(sha256(new TextEncoder().encode(address))).subarray(0, 4);
}

function aes256ecb(mode: 'encrypt' | 'decrypt', key: Uint8Array, data: Uint8Array): Buffer {
  const c = mode === 'encrypt' ? createCipheriv('aes-256-ecb', key, null) : createDecipheriv('aes-256-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** Decodes the `6P...` string into its address hash and encrypted half; checks the header. */
export function parseNep2(encrypted: string): { addressHash: Uint8Array; ciphertext: Uint8Array } {
  if (typeof encrypted !== 'string' || encrypted.length === 0) throw new Nep2Error('format', 'NEP-2 key is empty');
  let raw: Uint8Array;
  try {
    raw = base58CheckDecode(encrypted, 'NEP-2 key');
  } catch (err) {
    throw new Nep2Error('format', (err as KeyFormatError).message);
  }
  if (raw.length !== ENCODED_LENGTH) {
    throw new Nep2Error('format', `NEP-2 key must decode to ${ENCODED_LENGTH} bytes, got ${raw.length}`);
  }
  HEADER.forEach((want, i) => {
    if (raw[i] !== want) {
      const got = raw[i]!.toString(16).padStart(2, '0');
      throw new Nep2Error('format', `NEP-2 key byte ${i} must be 0x${want.toString(16).padStart(2, '0')}, got 0x${got}`);
    }
  });
  return { addressHash: raw.slice(3, 7), ciphertext: raw.slice(7) };
}

/** Decrypts a NEP-2 key to its 32-byte private key; a wrong password is a `Nep2Error('password')`. */
export async function nep2Decrypt(encrypted: string, password: string, params: ScryptParams = NEP2_SCRYPT): Promise<Uint8Array> {
  const { addressHash: salt, ciphertext } = parseNep2(encrypted);
  const derived = await deriveKey(password, salt, params);
  try {
    const priv = aes256ecb('decrypt', derived.subarray(32), ciphertext);
    for (let i = 0; i < 32; i++) priv[i] = priv[i]! ^ derived[i]!;
    // A wrong password yields random bytes: usually a valid scalar whose address hash differs.
    const ok = isValidScalar(priv) && addressHash(priv).every((b, i) => b === salt[i]);
    if (!ok) {
      priv.fill(0);
      throw new Nep2Error('password', 'wrong password');
    }
    return new Uint8Array(priv);
  } finally {
    derived.fill(0);
  }
}

/** Encrypts a 32-byte private key under `password` (NFC-normalised), as neo-go does. */
export async function nep2Encrypt(priv: Uint8Array, password: string, params: ScryptParams = NEP2_SCRYPT): Promise<string> {
  const salt = addressHash(priv);
  const derived = await deriveKey(password, salt, params);
  try {
    const mixed = Buffer.from(priv);
    for (let i = 0; i < 32; i++) mixed[i] = mixed[i]! ^ derived[i]!;
    const ciphertext = aes256ecb('encrypt', derived.subarray(32), mixed);
    mixed.fill(0);
    const out = new Uint8Array(ENCODED_LENGTH);
    out.set(HEADER, 0);
    out.set(salt, 3);
    out.set(ciphertext, 7);
    return base58CheckEncode(out);
  } finally {
    derived.fill(0);
  }
}
