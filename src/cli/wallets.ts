/**
 * How every command opens a wallet: the user's (`--wallet`/`--address`, password from
 * AUTHMATE_WALLET_PASSPHRASE or a hidden prompt) and a gate's (`--gate-wallet`/`--gate-address`,
 * AUTHMATE_WALLET_GATE_PASSPHRASE). A gate wallet's errors carry `field: 'gateWallet'`, so the
 * failure tables can give them the Go tool's gate-wallet exit code.
 */
import { withField } from '../errors.js';
import { GATE_WALLET_PASSPHRASE_ENV, loadWalletKey, WALLET_PASSPHRASE_ENV, type WalletKey } from '../wallet/index.js';
import { terminalPrompt } from './password.js';

export function openUserWallet(path: string, address?: string): Promise<WalletKey> {
  return loadWalletKey({
    path,
    ...(address === undefined ? {} : { address }),
    passwordEnv: WALLET_PASSPHRASE_ENV,
    prompt: terminalPrompt(WALLET_PASSPHRASE_ENV),
  });
}

/** `passwordEnv`: the variable to read (reset-bucket-acl also reads Go v0.45's own name). */
export function openGateWallet(path: string, address?: string, passwordEnv = GATE_WALLET_PASSPHRASE_ENV): Promise<WalletKey> {
  return withField(
    'gateWallet',
    () =>
      loadWalletKey({
        path,
        ...(address === undefined ? {} : { address }),
        passwordEnv,
        prompt: terminalPrompt(GATE_WALLET_PASSPHRASE_ENV),
      }),
    'wallet',
  );
}
