import type { Argv, CommandModule } from 'yargs';
import type { BearerCreateArgs, GlobalArgs } from '../base/args.js';

const createCommand: CommandModule<GlobalArgs, BearerCreateArgs> = {
  command: 'create',
  describe: 'Create bearer token',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .usage(
        'authmate bearer create --eacl <file|JSON> --owner <user|any> (--expire-at <epoch> | --lifetime <epochs>) --out <file> [--json]\n\n' +
          'Writes an unsigned bearer token (as neofs-cli bearer create): the eACL table (protojson, e.g. from `neofs-cli acl\n' +
          'extended create`), the user who may use it and its epochs. Epoch flags take n or +n (relative to the current epoch,\n' +
          'read from --rpc-endpoint, as is the base of --lifetime). Sign it with `util sign bearer-token`.',
      )
      .option('eacl', { alias: ['e', 'rules'], type: 'string', describe: 'Path to the extended ACL table, or [authmate-ts] the JSON itself' })
      .option('issued-at', { alias: 'i', type: 'string', describe: 'Epoch to issue token at (default [authmate-ts]: current epoch, or 0 offline)' })
      .option('not-valid-before', { alias: 'n', type: 'string', describe: 'Not valid before epoch (default [authmate-ts]: current epoch, or 0 offline)' })
      .option('expire-at', { alias: 'x', type: 'string', describe: 'The last active epoch for the token' })
      .option('lifetime', { alias: 'l', type: 'string', describe: 'Number of epochs for token to stay valid (wins over --expire-at)' })
      .option('owner', { alias: 'o', type: 'string', demandOption: true, describe: 'Token owner: the user (address) allowed to use it, or [authmate-ts] "any"' })
      .option('out', { type: 'string', demandOption: true, describe: 'File to write token to' })
      .option('json', { type: 'boolean', default: false, describe: 'Output token in JSON' })
      .option('rpc-endpoint', { alias: ['r', 'peer'], type: 'string', describe: "Remote node address (as 'multiaddr' or '<host>:<port>')" })
      .check((a) => {
        if (a['expire-at'] === undefined && a.lifetime === undefined) throw new Error('at least one of the flags in the group [expire-at lifetime] is required');
        return true;
      }) as Argv<BearerCreateArgs>,
  handler: async (args) => {
    const { runBearerCreate } = await import('../run-bearer.js');
    await runBearerCreate(args);
  },
};

/** `authmate bearer create`, as neofs-cli's. */
export const bearerCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'bearer <command>',
  describe: 'Operations with bearer token: create',
  builder: (y: Argv<GlobalArgs>) => y.command(createCommand).demandCommand(1, 'Specify a bearer command: create'),
  handler: () => {},
};
