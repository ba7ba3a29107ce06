/**
 * NEP-6 wallet files: reading, account choice (neo-go's rules, which Go authmate uses), key
 * decryption and writing new wallets the way `neo-go wallet init -a` does.
 */
import { open } from 'node:fs/promises';
import { randomScalar } from '../crypto/p256-native.js';
import { AuthmateError } from '../errors.js';
import {
  addressFromPublicKey,
  addressFromScriptHash,
  bytesToHex,
  hash160,
  isSignatureScript,
  KeyFormatError,
  publicKeyFromPrivate,
  scriptHashFromAddress,
  verificationScript,
} from '../crypto/keys.js';
import { FileInputError, readBoundedFile } from '../util/files.js';
import { chooseDefaultAccount } from './choice.js';
import { checkScryptParams, NEP2_SCRYPT, nep2Decrypt, nep2Encrypt, Nep2Error, type ScryptParams } from './nep2.js';
import { WALLET_FILE_MAX_BYTES } from './limits.js';

/** What kind of wallet problem occurred (`code` is `WALLET_<KIND>`). */
export type WalletErrorKind =
  | 'missing'
  | 'unreadable'
  | 'not-json'
  | 'not-nep6'
  | 'invalid-address'
  | 'no-account'
  | 'bad-key'
  | 'scrypt'
  | 'wrong-password'
  | 'no-password'
  | 'exists';

export class WalletError extends AuthmateError {
  readonly kind: WalletErrorKind;

  constructor(kind: WalletErrorKind, message: string, options?: { cause?: unknown }) {
    super(`WALLET_${kind.toUpperCase().replace(/-/g, '_')}`, message, { field: 'wallet', ...options });
    this.kind = kind;
  }
}

/** A contract parameter descriptor (`{"name": "parameter0", "type": "Signature"}`). */
export interface Nep6ContractParameter {
  name: string;
  type: string;
}

export interface Nep6Contract {
  /** Verification script, base64 (as N3 wallets store it). */
  script: string;
  parameters: Nep6ContractParameter[];
  deployed: boolean;
}

export interface Nep6Account {
  address: string;
  /** NEP-2 encrypted key; `null` or empty for watch-only accounts. */
  key: string | null;
  label: string | null;
  contract: Nep6Contract | null;
  lock: boolean;
  isDefault: boolean;
  extra?: unknown;
}

export interface Nep6File {
  name?: string | null;
  version: string;
  accounts: Nep6Account[];
  scrypt: ScryptParams | null;
  extra: unknown;
}

/** One account of an opened wallet, with what its contract tells about it. */
export interface WalletAccount {
  readonly address: string;
  readonly label: string;
  readonly isDefault: boolean;
  /** The NEP-2 key, or `undefined` for a watch-only account. */
  readonly encryptedKey: string | undefined;
  /** Verification script bytes, `undefined` when the account has no contract. */
  readonly script: Uint8Array | undefined;
  /** Compressed public key when the contract is a standard single-signature one. */
  readonly publicKey: Uint8Array | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the parts of NEP-6 we rely on; the message says which field is wrong. */
export function parseNep6(json: unknown, source = 'wallet'): Nep6File {
  const bad = (what: string) => new WalletError('not-nep6', `${source} is not a NEP-6 wallet: ${what}`);
  if (!isObject(json)) throw bad('the top level must be a JSON object');
  if (!Array.isArray(json.accounts)) throw bad('"accounts" must be an array');
  if (json.version !== undefined && typeof json.version !== 'string') throw bad('"version" must be a string');
  if (json.scrypt !== undefined && json.scrypt !== null) {
    if (!isObject(json.scrypt)) throw bad('"scrypt" must be an object {n, r, p}');
    for (const f of ['n', 'r', 'p']) {
      if (typeof json.scrypt[f] !== 'number') throw bad(`"scrypt.${f}" must be a number`);
    }
  }
  json.accounts.forEach((a: unknown, i: number) => {
    const at = `accounts[${i}]`;
    if (!isObject(a)) throw bad(`${at} must be an object`);
    if (typeof a.address !== 'string' || a.address === '') throw bad(`${at}.address must be a non-empty string`);
    if (a.key !== undefined && a.key !== null && typeof a.key !== 'string') throw bad(`${at}.key must be a string`);
    if (a.label !== undefined && a.label !== null && typeof a.label !== 'string') throw bad(`${at}.label must be a string`);
    if (a.isDefault !== undefined && typeof a.isDefault !== 'boolean') throw bad(`${at}.isDefault must be a boolean`);
    if (a.lock !== undefined && typeof a.lock !== 'boolean') throw bad(`${at}.lock must be a boolean`);
    if (a.contract !== undefined && a.contract !== null) {
      if (!isObject(a.contract)) throw bad(`${at}.contract must be an object`);
      const c = a.contract;
      if (c.script !== undefined && c.script !== null && typeof c.script !== 'string') throw bad(`${at}.contract.script must be a base64 string`);
      if (typeof c.script === 'string' && !/^[A-Za-z0-9+/]*={0,2}$/.test(c.script)) throw bad(`${at}.contract.script is not base64`);
      if (c.parameters !== undefined && c.parameters !== null && !Array.isArray(c.parameters)) throw bad(`${at}.contract.parameters must be an array`);
    }
  });
  return json as unknown as Nep6File;
}

/**
 * An account of the file. Its contract script (and the public key in it) is decoded on first use:
 * a wallet within the size limit may hold ~100,000 accounts, and decoding them all up front took
 * ~50 MB for a lookup that reads one.
 */
class FileAccount implements WalletAccount {
  readonly address: string;
  readonly label: string;
  readonly isDefault: boolean;
  readonly encryptedKey: string | undefined;
  readonly #script: string | undefined;
  #decoded: { script: Uint8Array | undefined; publicKey: Uint8Array | undefined } | undefined;

  constructor(a: Nep6Account) {
    this.address = a.address;
    this.label = a.label ?? '';
    this.isDefault = a.isDefault === true;
    this.encryptedKey = a.key ? a.key : undefined;
    this.#script = a.contract && typeof a.contract.script === 'string' ? a.contract.script : undefined;
  }

  #decode(): { script: Uint8Array | undefined; publicKey: Uint8Array | undefined } {
    if (this.#decoded === undefined) {
      const script = this.#script === undefined ? undefined : new Uint8Array(Buffer.from(this.#script, 'base64'));
      this.#decoded = { script, publicKey: script && isSignatureScript(script) ? script.slice(2, 35) : undefined };
    }
    return this.#decoded;
  }

  get script(): Uint8Array | undefined {
    return this.#decode().script;
  }

  get publicKey(): Uint8Array | undefined {
    return this.#decode().publicKey;
  }
}

/**
 * Reads an account selector the way neo-go's flags do: a 40-hex string (optionally `0x`) is a
 * little-endian script hash; anything else must be an N3 address. Returns the address.
 */
export function normalizeAddress(selector: string): string {
  const s = selector.trim();
  const hex = s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s;
  if (/^[0-9a-fA-F]{40}$/.test(hex)) {
    return addressFromScriptHash(new Uint8Array(Buffer.from(hex, 'hex')).reverse());
  }
  try {
    scriptHashFromAddress(s);
  } catch (err) {
    throw new WalletError(
      'invalid-address',
      `invalid address ${JSON.stringify(selector)}: ${(err as KeyFormatError).message} (expected an N3 address or a 40-hex little-endian script hash)`,
    );
  }
  return s;
}

/** How many account addresses an error message names; a wallet may hold millions. */
export const ACCOUNTS_LISTED_IN_ERRORS = 10;

/** `A, B, C` or `A, …, J and 990 more`: the first accounts of a wallet, for error messages. */
function listAccounts(accounts: readonly WalletAccount[]): string {
  if (accounts.length === 0) return 'none';
  const shown = accounts.slice(0, ACCOUNTS_LISTED_IN_ERRORS).map((a) => a.address).join(', ');
  const rest = accounts.length - ACCOUNTS_LISTED_IN_ERRORS;
  return rest > 0 ? `${shown} and ${rest} more` : shown;
}

/** An opened NEP-6 wallet. Keys stay encrypted until `decryptKey` is called. */
export class Wallet {
  readonly path: string;
  readonly file: Nep6File;
  readonly accounts: readonly WalletAccount[];

  constructor(file: Nep6File, path = '') {
    this.path = path;
    this.file = file;
    this.accounts = file.accounts.map((a) => new FileAccount(a));
  }

  /** The wallet's own scrypt block (`undefined` when absent). */
  get scrypt(): ScryptParams | undefined {
    return this.file.scrypt ?? undefined;
  }

  /**
   * Picks an account. With `address` (N3 address or 40-hex little-endian script hash): that
   * account. Without: neo-go's change address — the first account with a standard signature
   * contract, unless a later such account is marked `isDefault`.
   */
  account(address?: string): WalletAccount {
    const where = this.path || 'wallet';
    if (address !== undefined && address !== '') {
      const want = normalizeAddress(address);
      const found = this.accounts.find((a) => a.address === want);
      if (found) return found;
      throw new WalletError('no-account', `wallet ${where} has no account ${want}; its accounts: ${listAccounts(this.accounts)}`);
    }
    const chosen = chooseDefaultAccount(this.accounts, (a) => a.script !== undefined && isSignatureScript(a.script));
    if (!chosen) {
      throw new WalletError('no-account', `wallet ${where} has no standard signature account to use; its accounts: ${listAccounts(this.accounts)}`);
    }
    return chosen;
  }

  /** Decrypts an account's key with the wallet's scrypt parameters; returns 32 bytes. */
  async decryptKey(account: WalletAccount, password: string): Promise<Uint8Array> {
    return decryptAccountKey(account, password, this.scrypt, this.path || 'wallet');
  }
}

/**
 * NEP-2 decryption of one account's key, with errors that name the account and wallet. Also
 * checks that the key belongs to the account's address (a mismatch means a corrupt wallet).
 */
export async function decryptAccountKey(
  account: WalletAccount,
  password: string,
  scrypt: ScryptParams | undefined,
  walletName = 'wallet',
): Promise<Uint8Array> {
  const who = `account ${account.address} of ${walletName}`;
  if (!account.encryptedKey) throw new WalletError('bad-key', `${who} has no key (watch-only account)`);
  if (!scrypt) throw new WalletError('not-nep6', `${walletName} is not a NEP-6 wallet: "scrypt" block is missing`);
  let priv: Uint8Array;
  try {
    priv = await nep2Decrypt(account.encryptedKey, password, scrypt);
  } catch (err) {
    if (err instanceof Nep2Error) {
      if (err.kind === 'password') throw new WalletError('wrong-password', `couldn't decrypt ${who}: wrong password`, { cause: err });
      if (err.kind === 'scrypt') throw new WalletError('scrypt', `couldn't decrypt ${who}: ${err.message}`, { cause: err });
      throw new WalletError('bad-key', `couldn't decrypt ${who}: corrupt "key" field: ${err.message}`, { cause: err });
    }
    throw err;
  }
  // NEP-2 itself only proves the key matches the address hash inside the key string. For a
  // signature account (or one without a contract) the key must also be the account's own;
  // multisig and other contracts have a different address, so they are not compared.
  const pub = publicKeyFromPrivate(priv);
  const mismatch = account.publicKey
    ? bytesToHex(pub) !== bytesToHex(account.publicKey)
    : !account.script && addressFromPublicKey(pub) !== account.address;
  if (mismatch) {
    priv.fill(0);
    throw new WalletError('bad-key', `${who}: the key decrypts to a different address ${addressFromPublicKey(pub)}`);
  }
  return priv;
}

/** Reads and checks a NEP-6 file (a regular file or FIFO of at most `WALLET_FILE_MAX_BYTES`). */
export async function openWallet(path: string): Promise<Wallet> {
  let text: string;
  try {
    text = (await readBoundedFile(path, { maxBytes: WALLET_FILE_MAX_BYTES, what: 'wallet file', allowFifo: true })).toString('utf8');
  } catch (err) {
    if (err instanceof FileInputError) throw new WalletError(err.code === 'FILE_MISSING' ? 'missing' : 'unreadable', err.message, { cause: err });
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new WalletError('not-json', `wallet ${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return new Wallet(parseNep6(json, `wallet ${path}`), path);
}

export interface CreateWalletOptions {
  path: string;
  password: string;
  /** Account label (neo-go asks for "the name of the account"); default empty. */
  label?: string;
  /** Use this key instead of a fresh random one (32 bytes). */
  privateKey?: Uint8Array;
  scrypt?: ScryptParams;
}

/** The NEP-6 JSON of a one-account wallet, field for field what neo-go writes. */
export async function buildWalletFile(opts: Omit<CreateWalletOptions, 'path'>): Promise<Nep6File> {
  const scrypt = { ...(opts.scrypt ?? NEP2_SCRYPT) };
  checkScryptParams(scrypt);
  const priv = opts.privateKey ?? randomScalar();
  const pub = publicKeyFromPrivate(priv);
  const script = verificationScript(pub);
  return {
    version: '1.0',
    accounts: [
      {
        address: addressFromScriptHash(hash160(script)),
        key: await nep2Encrypt(priv, opts.password, scrypt),
        label: opts.label ?? '',
        contract: {
          script: Buffer.from(script).toString('base64'),
          parameters: [{ name: 'parameter0', type: 'Signature' }],
          deployed: false,
        },
        lock: false,
        isDefault: false,
      },
    ],
    scrypt,
    extra: { Tokens: null },
  };
}

/**
 * Writes a new wallet with one account. Refuses to overwrite an existing file; the file is
 * created with mode 0600 since it holds an encrypted key.
 */
export async function createWallet(opts: CreateWalletOptions): Promise<{ wallet: Wallet; address: string; publicKey: string }> {
  const file = await buildWalletFile(opts);
  let handle;
  try {
    handle = await open(opts.path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new WalletError('exists', `wallet file ${opts.path} already exists; refusing to overwrite it`, { cause: err });
    }
    throw new WalletError('unreadable', `couldn't create wallet ${opts.path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
  } finally {
    await handle.close();
  }
  const wallet = new Wallet(file, opts.path);
  const account = wallet.accounts[0]!;
  return { wallet, address: account.address, publicKey: bytesToHex(account.publicKey!) };
}
