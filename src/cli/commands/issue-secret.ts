import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_PLACEMENT_POLICY } from '../../authmate/defaults.js';
import type { GlobalArgs, IssueSecretArgs } from '../base/args.js';

const OURS = '[authmate-ts]';

export const issueSecretCommand: CommandModule<GlobalArgs, IssueSecretArgs> = {
  command: 'issue-secret',
  describe: 'Issue a secret: sign bearer/session tokens for the gates and store them encrypted in NeoFS',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('wallet', { type: 'string', demandOption: true, describe: 'Path to the NEP-6 wallet of the user (password: AUTHMATE_WALLET_PASSPHRASE or prompt)' })
      .option('address', { type: 'string', describe: 'Wallet account to use (default: the default account, else the first)' })
      .option('peer', { type: 'string', demandOption: true, describe: 'Address of a NeoFS storage node (host:port or grpc://host:port)' })
      // Required, except with --batch, whose lines may give the gate keys.
      .option('gate-public-key', { type: 'string', array: true, describe: 'Public key (hex, compressed or not) of a gate; repeat for several gates (required)' })
      .option('bearer-rules', { type: 'string', describe: 'eACL rules of the bearer token: JSON text or a file path (%CID = the auth container)' })
      .option('session-tokens', { type: 'string', alias: 'session-token', describe: 'Session token rules: JSON array text or file path, or "none"' })
      .option('session-rules', { type: 'string', describe: 'Legacy (2021 docs): one session rule as JSON, used with --create-session-token' })
      .option('create-session-token', { type: 'boolean', default: false, describe: 'Legacy (2021 docs): create session tokens (they are created by default now)' })
      .option('container-id', { type: 'string', describe: 'Existing container for the access box (it must let the gates GET objects)' })
      .option('container-friendly-name', { type: 'string', describe: 'Name of the container to create' })
      .option('container-placement-policy', { type: 'string', default: DEFAULT_PLACEMENT_POLICY, describe: 'Placement policy of the container to create' })
      .option('basic-acl', { type: 'string', describe: `${OURS} Basic ACL of the container to create (default 0x1C8C8CCE, as the Go code)` })
      .option('lifetime', { type: 'string', nargs: 1, default: '720h', describe: 'Lifetime of the tokens and the box (Go duration: 720h, 30m)' })
      .option('container-policy', { type: 'string', describe: 'LocationConstraint -> placement policy mapping: JSON text or file path' })
      .option('aws-cli-credentials', { type: 'string', describe: 'Merge the credentials into this AWS CLI credentials file (atomic, mode 0600)' })
      .option('profile', { type: 'string', describe: `${OURS} Profile name for --aws-cli-credentials (default: "default" for a new file, else authmate_cred_<oid>)` })
      .option('box-format', {
        type: 'string',
        choices: ['g1', 'g2', 'g3', 'g4'],
        describe:
          `${OURS} Access box generation for the gateways that will read it: g4 (default) = neofs-s3-gw v0.43+ (session v2; ` +
          'the only one v0.45+ reads); g3 = v0.37-v0.44 (bearer + session v1; the default when --bearer-rules or the 2021 ' +
          'session flags are given); g2 = v0.31-v0.36; g1 = v0.16-v0.30 and FrostFS',
      })
      .option('pool-dial-timeout', { type: 'string', default: '5s', describe: 'Timeout for connecting to the peer' })
      .option('pool-healthcheck-timeout', { type: 'string', default: '5s', describe: 'Accepted for compatibility (single peer, no pool)' })
      .option('pool-rebalance-interval', { type: 'string', default: '30s', describe: 'Accepted for compatibility (single peer, no pool)' })
      .option('pool-stream-timeout', { type: 'string', default: '10s', describe: 'Accepted for compatibility (each call is bounded by --timeout)' })
      .option('container-ops-poll-interval', { type: 'string', default: '50ms', describe: 'Poll interval while waiting for the container' })
      .option('internal-slicer', { type: 'boolean', default: false, describe: 'Accepted for compatibility (the box is always one object)' })
      .option('preset', {
        type: 'string',
        describe: `${OURS} Rules from a preset instead of --bearer-rules/--session-tokens: read-only, read-write, full, put-only (README: Presets)`,
      })
      .option('bucket', { type: 'string', describe: `${OURS} Limit --preset to this existing bucket (a container of this wallet, by its Name attribute)` })
      .option('batch', {
        type: 'string',
        describe: `${OURS} Issue one credential per line of this JSON-lines file (keys = these flag names; the flags given here are defaults); JSON lines out`,
      })
      .option('fail-fast', { type: 'boolean', default: false, describe: `${OURS} With --batch: start no new line after the first failure` })
      .option('batch-concurrency', { type: 'number', default: 4, describe: `${OURS} With --batch: credentials written at once` })
      .check((a) => {
        if (a.batch === undefined && (a['gate-public-key'] ?? []).length === 0) throw new Error('Missing required argument: gate-public-key');
        return true;
      }) as Argv<IssueSecretArgs>,
  handler: async (args) => {
    const { runIssueSecret } = await import('../run-issue.js');
    await runIssueSecret(args);
  },
};
