import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs, InspectArgs } from '../base/args.js';

export const inspectCommand: CommandModule<GlobalArgs, InspectArgs> = {
  command: 'inspect',
  describe: '[authmate-ts] Show what an access box (or a box/token file) holds: generation, gates, policies, owner, expiration; with --gate-wallet that gate\'s tokens and whether their signatures verify',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('access-key-id', { type: 'string', describe: 'Access key id of the box: <container id>0<object id> (with --peer)' })
      .option('peer', { type: 'string', describe: 'Address of a NeoFS storage node (host:port or grpc://host:port)' })
      .option('file', { type: 'string', describe: 'Offline: an access box file, a bearer token, or a session token v1 (binary/JSON) or v2 file' })
      .option('gate-wallet', { type: 'string', describe: "Gate wallet: also decrypt this gate's tokens (password: AUTHMATE_WALLET_GATE_PASSPHRASE or prompt)" })
      .option('gate-address', { type: 'string', describe: 'Account of --gate-wallet' })
      .option('show-secret', { type: 'boolean', default: false, describe: 'Also print the secret access key (needs --gate-wallet)' })
      .option('wallet', { type: 'string', describe: 'Wallet whose key signs the NeoFS requests (default: the gate key, else a throw-away key)' })
      .option('address', { type: 'string', describe: 'Account of --wallet' })
      .option('table', { type: 'boolean', default: false, describe: 'Print a readable table instead of JSON' })
      .option('pool-dial-timeout', { type: 'string', default: '5s', describe: 'Timeout for connecting to the peer' }) as Argv<InspectArgs>,
  handler: async (args) => {
    const { runInspect } = await import('../run-inspect.js');
    await runInspect(args);
  },
};
