/** obtain-secret as the CLI runs it; errors become exit codes in one table (failures.ts). */
import { obtainSecret, parseAccessKeyId } from '../authmate/obtain.js';
import type { ObtainSecretArgs } from './base/args.js';
import { durationFlag, makeContext } from './base/context.js';
import { ExitCode, mapFailures, obtainFailures } from './base/failures.js';
import { afterWallets, dial, withDeadline } from './network.js';
import { openGateWallet, openUserWallet } from './wallets.js';

export async function runObtainSecret(args: ObtainSecretArgs): Promise<void> {
  const ctx = makeContext(args);
  const failures = obtainFailures(args['access-key-id']);
  await mapFailures(failures, () => parseAccessKeyId(args['access-key-id']));
  const dialMs = durationFlag('pool-dial-timeout', args['pool-dial-timeout'], ExitCode.Usage);

  // As the Go tool: the user wallet first (it signs the requests), then the gate wallet; the peer
  // is dialled meanwhile, and a wallet error is still reported before a connection error.
  const dialing = dial(args.peer, dialMs, ctx);
  const wallets = mapFailures(failures, async () => {
    const user = args.wallet === undefined ? undefined : await openUserWallet(args.wallet, args.address);
    return { user, gate: await openGateWallet(args['gate-wallet'], args['gate-address']) };
  });
  const { wallets: keys, client: dialled } = await afterWallets(dialing, wallets);
  const { user, gate } = keys;
  const store = dialled.withSigner((user ?? gate).privateKey);
  try {
    const result = await mapFailures(failures, () =>
      withDeadline(ctx.timeoutMs, 'failed to obtain secret', () =>
        obtainSecret({ store, accessKeyId: args['access-key-id'], gatePrivateKey: gate.privateKey, timeoutMs: ctx.timeoutMs }),
      ),
    );
    ctx.debug(`access box format ${result.format}`);
    ctx.result({ secret_access_key: result.secretAccessKey });
  } finally {
    store.close();
  }
}
