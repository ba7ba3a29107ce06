import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs, ObtainSecretArgs } from '../base/args.js';

export const obtainSecretCommand: CommandModule<GlobalArgs, ObtainSecretArgs> = {
  command: 'obtain-secret',
  describe: 'Obtain a secret: read the access box from NeoFS and decrypt it with a gate wallet',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('wallet', { type: 'string', describe: 'Wallet whose key signs the NeoFS requests (default: the gate key; the Go tool requires it)' })
      .option('address', { type: 'string', describe: 'Account of --wallet' })
      .option('peer', { type: 'string', demandOption: true, describe: 'Address of a NeoFS storage node (host:port or grpc://host:port)' })
      .option('gate-wallet', { type: 'string', demandOption: true, describe: 'NEP-6 wallet of the gate (password: AUTHMATE_WALLET_GATE_PASSPHRASE or prompt)' })
      .option('gate-address', { type: 'string', describe: 'Account of --gate-wallet' })
      .option('access-key-id', { type: 'string', demandOption: true, describe: 'Access key id: <container id>0<object id>' })
      .option('rpc-endpoint', { type: 'string', describe: 'Accepted for compatibility with the Go tool v0.43+ (subjects are checked by user id, no NNS lookup)' })
      .option('pool-dial-timeout', { type: 'string', default: '5s', describe: 'Timeout for connecting to the peer' })
      .option('pool-healthcheck-timeout', { type: 'string', default: '5s', describe: 'Accepted for compatibility (single peer, no pool)' })
      .option('pool-rebalance-interval', { type: 'string', default: '30s', describe: 'Accepted for compatibility (single peer, no pool)' })
      .option('pool-stream-timeout', { type: 'string', default: '10s', describe: 'Accepted for compatibility (each call is bounded by --timeout)' })
      .option('container-ops-poll-interval', { type: 'string', default: '50ms', describe: 'Accepted for compatibility' }) as Argv<ObtainSecretArgs>,
  handler: async (args) => {
    const { runObtainSecret } = await import('../run-obtain.js');
    await runObtainSecret(args);
  },
};
