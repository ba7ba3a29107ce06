import type { Argv, CommandModule } from 'yargs';
import type { ContextArgs, GlobalArgs, SignBearerTokenArgs, SignSessionTokenArgs } from '../base/args.js';

/** Flags that fill an object session context (neofs-cli fills them inside `object put/delete`). */
/** `--verb/--cid/--oid`, shared by `session create` and `util sign session-token`. */
export function contextOptions<T>(y: Argv<T>): Argv<T & ContextArgs> {
  return y
    .option('verb', { type: 'string', describe: '[authmate-ts] Object session verb to put into the context: PUT, DELETE, GET, HEAD, SEARCH, RANGE, RANGEHASH' })
    .option('cid', { type: 'string', describe: '[authmate-ts] Container ID (base58) the object session is bound to' })
    .option('oid', { type: 'string', array: true, describe: '[authmate-ts] Limit the object session to these object IDs (repeatable)' }) as Argv<T & ContextArgs>;
}

const signSessionTokenCommand: CommandModule<GlobalArgs, SignSessionTokenArgs> = {
  command: 'session-token',
  describe: 'Sign session token to use it in requests',
  builder: (y: Argv<GlobalArgs>) =>
    contextOptions(
      y
        .usage(
          'authmate [--wallet <wallet>] util sign session-token --from <file> [--to <file>] [--verb PUT --cid <container>]\n\n' +
            'Reads a session token v1 (binary or JSON), checks it has a context (verb and container), a lifetime and a\n' +
            'session key, makes the wallet account its issuer and signs it (ECDSA RFC 6979, as neofs-cli). The signed token\n' +
            'is written to --to in the format it was read in (--json: JSON), or printed as JSON without --to.\n' +
            '--to must not be the --from file: keep the blank token (sign again with other --verb/--cid).',
        )
        .option('from', { type: 'string', demandOption: true, describe: 'File with the binary or JSON encoded session token to sign' })
        .option('to', { type: 'string', describe: 'File to save the signed session token (default: print JSON)' })
        .option('wallet', { alias: 'w', type: 'string', describe: 'Path to the wallet (default: $AUTHMATE_WALLET); password from AUTHMATE_WALLET_PASSPHRASE or prompt' })
        .option('address', { type: 'string', describe: 'Address of wallet account' })
        .option('json', { type: 'boolean', default: false, describe: '[authmate-ts] Write --to in JSON even if the token was read in binary' })
        .option('force-issuer', { type: 'boolean', default: false, describe: 'Set the account as the session issuer even if another one is specified' }),
    ) as Argv<SignSessionTokenArgs>,
  handler: async (args) => {
    const { runSignSessionToken } = await import('../run-session.js');
    await runSignSessionToken(args);
  },
};

const signBearerTokenCommand: CommandModule<GlobalArgs, SignBearerTokenArgs> = {
  command: 'bearer-token',
  describe: 'Sign bearer token to use it in requests',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .usage(
        'authmate [--wallet <wallet>] util sign bearer-token --from <file> [--to <file>] [--json]\n\n' +
          'Reads a bearer token (binary or JSON, e.g. from `bearer create`), makes the wallet account its issuer unless\n' +
          'one is set (kept as is, as neofs-cli; a warning says when it is not the signer) and signs it (ECDSA RFC 6979).\n' +
          'Writes --to in binary (--json: JSON), or prints JSON without --to.',
      )
      .option('from', { type: 'string', demandOption: true, describe: 'File with JSON or binary encoded bearer token to sign' })
      .option('to', { type: 'string', describe: 'File to dump signed bearer token (default: binary encoded)' })
      .option('wallet', { alias: 'w', type: 'string', describe: 'Path to the wallet (default: $AUTHMATE_WALLET); password from AUTHMATE_WALLET_PASSPHRASE or prompt' })
      .option('address', { type: 'string', describe: 'Address of wallet account' })
      .option('json', { type: 'boolean', default: false, describe: 'Dump bearer token in JSON encoding' }) as Argv<SignBearerTokenArgs>,
  handler: async (args) => {
    const { runSignBearerToken } = await import('../run-bearer.js');
    await runSignBearerToken(args);
  },
};

const signCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'sign <command>',
  describe: 'Sign NeoFS structure',
  builder: (y: Argv<GlobalArgs>) => y.command(signSessionTokenCommand).command(signBearerTokenCommand).demandCommand(1, 'Specify what to sign: session-token, bearer-token'),
  handler: () => {},
};

/** `authmate util sign session-token`: the static half of the NeoFS CLI session document. */
export const utilCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'util <command>',
  describe: 'Utility operations: sign session-token, sign bearer-token',
  builder: (y: Argv<GlobalArgs>) => y.command(signCommand).demandCommand(1, 'Specify a util command: sign'),
  handler: () => {},
};
