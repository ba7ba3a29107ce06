import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs, SessionCreateArgs } from '../base/args.js';
import { contextOptions, utilCommand } from './util.js';


const createCommand: CommandModule<GlobalArgs, SessionCreateArgs> = {
  command: 'create',
  describe: 'Create a session on a node (SessionService.Create) and write the blank session token to a file',
  builder: (y: Argv<GlobalArgs>) =>
    contextOptions(
      y
        .usage(
          'authmate session create --rpc-endpoint <host:port> --wallet <wallet> --out <file> [--lifetime <epochs|duration>]\n\n' +
            'The node generates and keeps the private session key; the token written to --out carries its ID, the public\n' +
            'session key and the lifetime (iat = nbf = current epoch). As neofs-cli, the default lifetime is 10 epochs.\n' +
            'Use the token with object put/delete --session, or fill and sign it with `util sign session-token`.',
        )
        .option('rpc-endpoint', { alias: ['r', 'peer'], type: 'string', demandOption: true, describe: 'Remote node address (<host>:<port>, grpc://, grpcs://)' })
        .option('wallet', { alias: 'w', type: 'string', describe: 'Path to the wallet (default: $AUTHMATE_WALLET); password from AUTHMATE_WALLET_PASSPHRASE or prompt' })
        .option('address', { type: 'string', describe: 'Address of wallet account' })
        .option('out', { type: 'string', demandOption: true, describe: 'File to write session token to' })
        .option('json', { type: 'boolean', default: false, describe: 'Output token in JSON' })
        .option('lifetime', { alias: 'l', type: 'string', describe: 'Number of epochs for token to stay valid (default 10), or [authmate-ts] a Go duration (24h)' })
        .option('expire-at', { alias: 'e', type: 'string', describe: 'The last active epoch for token to stay valid (wins over --lifetime)' }),
    ) as Argv<SessionCreateArgs>,
  handler: async (args) => {
    const { runSessionCreate } = await import('../run-session.js');
    await runSessionCreate(args);
  },
};

/** `authmate session create`: the dynamic half of the NeoFS CLI session document. */
export const sessionCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'session <command>',
  describe: 'Operations with session tokens: create',
  builder: (y: Argv<GlobalArgs>) => y.command(createCommand).demandCommand(1, 'Specify a session command: create'),
  handler: () => {},
};

/** The session tools' commands, for `commands/index.ts`. */
export const sessionToolCommands: CommandModule<any, any>[] = [sessionCommand, utilCommand];
