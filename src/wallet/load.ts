/**
 * `loadWalletKey`: open a wallet, choose the account, get the password, decrypt — in the order
 * Go authmate does it (the password is asked only after the account was found).
 */
import { bytesToHex, publicKeyFromPrivate } from '../crypto/keys.js';
import { openWallet, WalletError, type WalletAccount } from './nep6.js';

export { GATE_WALLET_PASSPHRASE_ENV, WALLET_PASSPHRASE_ENV } from './env.js';

/** Asks the user for the password of `walletPath` (the CLI passes its terminal prompt). */
export type PasswordPrompt = (walletPath: string) => Promise<string>;

export interface LoadWalletKeyOptions {
  path: string;
  /** N3 address or 40-hex little-endian script hash; default: neo-go's default account. */
  address?: string;
  /** The password itself; wins over `passwordEnv` and `prompt`. */
  password?: string;
  /**
   * Environment variable holding the password. Set but empty means the empty password (Go's
   * `AllowEmptyEnv`), so no prompt happens.
   */
  passwordEnv?: string;
  /** Called when neither `password` nor the variable is available. */
  prompt?: PasswordPrompt;
  /** Environment to read `passwordEnv` from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface WalletKey {
  /** 32-byte private key. */
  privateKey: Uint8Array;
  /** 33-byte compressed public key. */
  publicKey: Uint8Array;
  address: string;
  account: WalletAccount;
}

/** Resolves the password from the explicit value, the variable or the prompt, in that order. */
export async function resolvePassword(opts: Pick<LoadWalletKeyOptions, 'path' | 'password' | 'passwordEnv' | 'prompt' | 'env'>): Promise<string> {
  if (opts.password !== undefined) return opts.password;
  const env = opts.env ?? process.env;
  if (opts.passwordEnv) {
    const v = env[opts.passwordEnv];
    if (v !== undefined) return v;
  }
  if (opts.prompt) return opts.prompt(opts.path);
  const hint = opts.passwordEnv ? `set ${opts.passwordEnv} (an empty value means an empty password)` : 'pass a password';
  throw new WalletError('no-password', `no password for wallet ${opts.path}: ${hint}`);
}

/** Opens the wallet, picks the account and decrypts its key. */
export async function loadWalletKey(opts: LoadWalletKeyOptions): Promise<WalletKey> {
  const wallet = await openWallet(opts.path);
  const account = wallet.account(opts.address);
  if (!account.encryptedKey) throw new WalletError('bad-key', `account ${account.address} of ${opts.path} has no key (watch-only account)`);
  const password = await resolvePassword(opts);
  const privateKey = await wallet.decryptKey(account, password);
  return { privateKey, publicKey: publicKeyFromPrivate(privateKey), address: account.address, account };
}

/** `{address, public_key}` of every account, as `wallet dump-keys` prints them. */
export function dumpKeys(accounts: readonly WalletAccount[]): { address: string; public_key: string | null; label: string }[] {
  return accounts.map((a) => ({ address: a.address, public_key: a.publicKey ? bytesToHex(a.publicKey) : null, label: a.label }));
}
