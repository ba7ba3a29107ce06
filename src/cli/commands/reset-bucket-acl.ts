import type { Argv, CommandModule } from 'yargs';
import type { GlobalArgs, ResetBucketAclArgs } from '../base/args.js';

export const resetBucketAclCommand: CommandModule<GlobalArgs, ResetBucketAclArgs> = {
  command: 'reset-bucket-acl',
  describe: "Reset bucket ACL to default state: drop the ownership record old gateways (before v0.37) kept in the bucket's eACL",
  builder: (y: Argv<GlobalArgs>) =>
    y
      .usage(
        '$0 reset-bucket-acl --access-key-id <id> --gate-wallet <gate.json> --peer <host:port> --rpc-endpoint <http://host:port> --container-name <bucket> [--apply]\n\n' +
          'Opens the access box with the gate wallet, finds the bucket\'s container through NNS on the FS chain, reads its eACL and ' +
          'prints it (JSON, stdout) without the bucket-ownership record. With --apply the gate sets that table using the box\'s ' +
          'session token (g4: session token v2, g3: container SETEACL token) and waits until the node shows it.',
      )
      .option('access-key-id', { type: 'string', demandOption: true, describe: 'Access key id for s3: <container id>0<object id>' })
      .option('gate-wallet', {
        type: 'string',
        demandOption: true,
        describe: 'Path to the gate wallet (password: AUTHMATE_WALLET_GATE_PASSPHRASE, or WALLET_GATE_PASSPHRASE as Go v0.45 reads here, else a prompt)',
      })
      .option('gate-address', { type: 'string', describe: '[authmate-ts] Account of --gate-wallet (default: neo-go\'s default account)' })
      .option('peer', { type: 'string', demandOption: true, describe: 'Address of a NeoFS peer: localhost:8080 (without schema)' })
      .option('rpc-endpoint', { type: 'string', demandOption: true, describe: 'FS chain RPC endpoint for NNS: https://localhost:30333 (with schema)' })
      .option('container-name', { type: 'string', demandOption: true, describe: 'S3 bucket (container) name whose eACL to update' })
      .option('namespace', { type: 'string', describe: 'Namespace for container name resolution (<name>.<namespace>.container)' })
      .option('apply', { type: 'boolean', default: false, describe: 'Apply the eACL changes to the container' })
      .option('pool-dial-timeout', { type: 'string', default: '5s', describe: '[authmate-ts] Timeout for connecting to the peer' })
      .option('rpc-timeout', { type: 'string', default: '10s', describe: '[authmate-ts] Deadline of each FS chain RPC call' }) as Argv<ResetBucketAclArgs>,
  handler: async (args) => {
    const { runResetBucketAcl } = await import('../run-reset-bucket-acl.js');
    await runResetBucketAcl(args);
  },
};
