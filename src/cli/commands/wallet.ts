import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs } from '../base/args.js';
import { makeContext } from '../base/context.js';

interface CreateArgs extends GlobalArgs {
  wallet: string;
  label: string;
}

interface DumpKeysArgs extends GlobalArgs {
  wallet: string;
  address?: string;
}

const createCommand: CommandModule<GlobalArgs, CreateArgs> = {
  command: 'create',
  describe: '[authmate-ts] Create a NEP-6 wallet with one new account (password: AUTHMATE_WALLET_PASSPHRASE or prompt twice)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('wallet', { type: 'string', demandOption: true, describe: 'Path of the new wallet file (an existing file is never overwritten)' })
      .option('label', { type: 'string', default: '', describe: 'Label (name) of the account' }) as Argv<CreateArgs>,
  handler: async (args) => {
    const ctx = makeContext(args);
    const [{ createWallet }, { newWalletPassword, WALLET_PASSPHRASE_ENV }] = await Promise.all([
      import('../../wallet/index.js'),
      import('../password.js'),
    ]);
    const password = await newWalletPassword(args.wallet, WALLET_PASSPHRASE_ENV);
    const made = await createWallet({ path: args.wallet, password, label: args.label });
    ctx.result({ wallet: args.wallet, address: made.address, public_key: made.publicKey });
  },
};

const dumpKeysCommand: CommandModule<GlobalArgs, DumpKeysArgs> = {
  command: 'dump-keys',
  describe: '[authmate-ts] Print the address and compressed public key (hex) of every account; no password needed',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('wallet', { type: 'string', demandOption: true, describe: 'Path to the NEP-6 wallet' })
      .option('address', { type: 'string', describe: 'Only this account (N3 address or 40-hex little-endian script hash)' }) as Argv<DumpKeysArgs>,
  handler: async (args) => {
    const ctx = makeContext(args);
    const { openWallet, dumpKeys } = await import('../../wallet/index.js');
    const wallet = await openWallet(args.wallet);
    const accounts = args.address ? [wallet.account(args.address)] : wallet.accounts;
    ctx.result(dumpKeys(accounts));
  },
};

const checkCommand: CommandModule<GlobalArgs, DumpKeysArgs> = {
  command: 'check',
  describe:
    '[authmate-ts] Decrypt the account issue-secret would use (same --address rule and password source) and print its address and public key',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('wallet', { type: 'string', demandOption: true, describe: 'Path to the NEP-6 wallet (password: AUTHMATE_WALLET_PASSPHRASE or prompt)' })
      .option('address', { type: 'string', describe: 'Account to check (default: the default account, else the first)' }) as Argv<DumpKeysArgs>,
  handler: async (args) => {
    const ctx = makeContext(args);
    const [{ loadWalletKey, WALLET_PASSPHRASE_ENV }, { terminalPrompt }, { bytesToHex }] = await Promise.all([
      import('../../wallet/index.js'),
      import('../password.js'),
      import('../../crypto/keys.js'),
    ]);
    const key = await loadWalletKey({
      path: args.wallet,
      address: args.address,
      passwordEnv: WALLET_PASSPHRASE_ENV,
      prompt: terminalPrompt(WALLET_PASSPHRASE_ENV),
    });
    key.privateKey.fill(0);
    ctx.result({ address: key.address, public_key: bytesToHex(key.publicKey) });
  },
};

/** `authmate wallet create|dump-keys|check`: make and inspect wallets without neo-go. */
export const walletCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'wallet <command>',
  describe: '[authmate-ts] NEP-6 wallet helpers: create, dump-keys, check',
  builder: (y: Argv<GlobalArgs>) => y.command(createCommand).command(dumpKeysCommand).command(checkCommand).demandCommand(1, 'Specify a wallet command: create, dump-keys or check'),
  handler: () => {},
};
