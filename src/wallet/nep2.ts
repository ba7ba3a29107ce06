/**
 * NEP-2 encrypted private keys (`6P...`), as NEP-6 wallets store them.
 *
 * Layout: base58check(0x01 0x42 0xe0 || addressHash[4] || encrypted[32]), where
 * addressHash = SHA256(SHA256(N3 address))[0:4], (half1, half2) = scrypt(NFC(password),
 * addressHash, N, r, p, 64) and encrypted = AES-256-ECB(half2, key XOR half1).
 * A wrong password is detected by the address hash of the decrypted key.
 *
 * scrypt runs its p lanes in parallel (src/crypto/scrypt/, WebAssembly on worker threads, with
 * node:crypto as the fallback); its parameters are bounded by src/wallet/limits.ts.
 */
import { AuthmateError } from '../errors.js';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { isValidScalar } from '../crypto/p256-native.js';
import { NEP2_ENCODED_LENGTH, NEP2_HEADER, NEP2_SALT_END, NEP2_SALT_START, scryptParamsProblem } from './limits.js';
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

export { SCRYPT_MAX_MEMORY, SCRYPT_MAX_WORK } from './limits.js';

const HEADER = NEP2_HEADER;
const ENCODED_LENGTH = NEP2_ENCODED_LENGTH;

/** What went wrong, so that callers can choose a message or exit code. */
export type Nep2ErrorKind = 'format' | 'password' | 'scrypt';

export class Nep2Error extends AuthmateError {
  readonly kind: Nep2ErrorKind;

  constructor(kind: Nep2ErrorKind, message: string) {
    super(`NEP2_${kind.toUpperCase().replace(/-/g, '_')}`, message);
    this.kind = kind;
  }
}

/**
 * Throws a `Nep2Error('scrypt')` naming the offending parameter and the bound (the one place the
 * limits of src/wallet/limits.ts are enforced: memory 128*n*r <= 1 GiB, work n*r*p <= 2^24).
 */
export function checkScryptParams(params: ScryptParams): void {
  const problem = scryptParamsProblem(params);
  if (problem !== undefined) throw new Nep2Error('scrypt', problem);
}

function deriveKey(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  checkScryptParams(params);
  const { n: N, r, p } = params;
  const pw = Buffer.from(password.normalize('NFC'), 'utf8');
  // The CLI may have started this very scrypt run at start-up (src/cli/early.ts).
  try {
    const run = takeScrypt(pw, salt, N, r, p) ?? runScrypt(pw, salt, N, r, p);
    return run.catch((err: Error) => {
      throw new Nep2Error('scrypt', `scrypt failed: ${err.message}`);
    });
  } finally {
    pw.fill(0);
  }
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
  return { addressHash: raw.slice(NEP2_SALT_START, NEP2_SALT_END), ciphertext: raw.slice(NEP2_SALT_END) };
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
