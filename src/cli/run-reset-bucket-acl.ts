/** reset-bucket-acl as the CLI runs it; errors become Go's exit codes (failures.ts). */
import { parseAccessKeyId } from '../authmate/obtain.js';
import { resetBucketAcl } from '../authmate/reset-bucket-acl.js';
import { withField } from '../errors.js';
import { containerIdToString } from '../neofs/refs.js';
import { eaclTableToJSON } from '../policy/eacl.js';
import { GATE_WALLET_PASSPHRASE_ENV } from '../wallet/index.js';
import type { ResetBucketAclArgs } from './base/args.js';
import { durationFlag, makeContext } from './base/context.js';
import { CliError, ExitCode, mapFailures, resetBucketAclFailures } from './base/failures.js';
import { afterWallets, dial, withDeadline } from './network.js';
import { openGateWallet } from './wallets.js';

/** What Go v0.45's reset-bucket-acl reads (its viper there has no AUTHMATE_ prefix). */
const GO_GATE_PASSPHRASE_ENV = 'WALLET_GATE_PASSPHRASE';

export async function runResetBucketAcl(args: ResetBucketAclArgs): Promise<void> {
  const ctx = makeContext(args);
  const failures = resetBucketAclFailures();
  await mapFailures(failures, () => withField('accessKeyId', () => parseAccessKeyId(args['access-key-id'])));
  const dialMs = durationFlag('pool-dial-timeout', args['pool-dial-timeout'], ExitCode.Usage);
  const rpcMs = durationFlag('rpc-timeout', args['rpc-timeout'], ExitCode.Usage);
  if (!(rpcMs > 0)) throw new CliError(`--rpc-timeout must be positive, got ${args['rpc-timeout']}`, ExitCode.Usage);

  const passwordEnv =
    process.env[GATE_WALLET_PASSPHRASE_ENV] === undefined && process.env[GO_GATE_PASSPHRASE_ENV] !== undefined ? GO_GATE_PASSPHRASE_ENV : GATE_WALLET_PASSPHRASE_ENV;
  const dialing = dial(args.peer, dialMs, ctx);
  const gateKey = mapFailures(failures, () => openGateWallet(args['gate-wallet'], args['gate-address'], passwordEnv));
  let connected;
  try {
    connected = await afterWallets(dialing, gateKey);
  } catch (err) {
    // Go exits 1 when this command cannot reach the peer (2 elsewhere); the message is the same.
    if (err instanceof CliError && err.exitCode === ExitCode.NeoFS) throw new CliError(err.message, ExitCode.ResetNeoFS, { cause: err });
    throw err;
  }
  const gate = connected.wallets;
  const store = connected.client.withSigner(gate.privateKey);
  try {
    const result = await mapFailures(failures, () =>
      withDeadline(
        ctx.timeoutMs,
        'failed to reset bucket ACL',
        () =>
          resetBucketAcl({
            store,
            accessKeyId: args['access-key-id'],
            gatePrivateKey: gate.privateKey,
            target: {
              bucket: args['container-name'],
              rpcEndpoint: args['rpc-endpoint'],
              ...(args.namespace === undefined ? {} : { namespace: args.namespace }),
            },
            apply: args.apply,
            timeoutMs: ctx.timeoutMs,
            nnsTimeoutMs: Math.min(rpcMs, ctx.timeoutMs),
            waitTimeoutMs: ctx.timeoutMs,
          }),
        ExitCode.ResetNeoFS,
      ),
    );
    ctx.log(`Resolved CID: ${containerIdToString(result.containerId)}`);
    ctx.log(result.removed ? 'removed the bucket ownership record' : 'no bucket ownership record: the table is unchanged');
    ctx.result(eaclTableToJSON(result.table));
    if (args.apply) ctx.log(result.applied ? 'the new eACL is set' : 'nothing to apply');
    else if (result.removed) ctx.log('use --apply flag to apply EACL changes');
  } finally {
    store.close();
  }
}
