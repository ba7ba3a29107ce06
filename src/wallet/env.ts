/** Password variables; dependency-free, shared by src/cli/early.ts and src/wallet/load.ts. */

/** Password variable for `--wallet` (Go authmate's viper key `wallet.passphrase`). */
export const WALLET_PASSPHRASE_ENV = 'AUTHMATE_WALLET_PASSPHRASE';
/** Password variable for `--gate-wallet` (obtain-secret). */
export const GATE_WALLET_PASSPHRASE_ENV = 'AUTHMATE_WALLET_GATE_PASSPHRASE';
