import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs, RevokeArgs } from '../base/args.js';

export const revokeCommand: CommandModule<GlobalArgs, RevokeArgs> = {
  command: 'revoke',
  describe: '[authmate-ts] Delete an access box with its owner\'s wallet, so gateways can no longer load it (cached copies live until the gateway cache expires)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('access-key-id', { type: 'string', demandOption: true, describe: 'Access key id of the box: <container id>0<object id>' })
      .option('peer', { type: 'string', demandOption: true, describe: 'Address of a NeoFS storage node (host:port or grpc://host:port)' })
      .option('wallet', { type: 'string', demandOption: true, describe: "Wallet of the box's owner (password: AUTHMATE_WALLET_PASSPHRASE or prompt)" })
      .option('address', { type: 'string', describe: 'Account of --wallet' })
      .option('yes', { type: 'boolean', default: false, describe: 'Do not ask for confirmation (needed without a terminal)' })
      .option('pool-dial-timeout', { type: 'string', default: '5s', describe: 'Timeout for connecting to the peer' }) as Argv<RevokeArgs>,
  handler: async (args) => {
    const { runRevoke } = await import('../run-revoke.js');
    await runRevoke(args);
  },
};
