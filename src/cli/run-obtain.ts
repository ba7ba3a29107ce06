/** obtain-secret as the CLI runs it; errors become exit codes in one table (failures.ts). */
import { obtainSecret, parseAccessKeyId } from '../authmate/obtain.js';
import { withField } from '../errors.js';
import { GATE_WALLET_PASSPHRASE_ENV, loadWalletKey, WALLET_PASSPHRASE_ENV, type WalletKey } from '../wallet/index.js';
import type { ObtainSecretArgs } from './base/args.js';
import { durationFlag, makeContext } from './base/context.js';
import { ExitCode, mapFailures, obtainFailures } from './base/failures.js';
import { afterWallets, dial, withDeadline } from './network.js';
import { terminalPrompt } from './password.js';

export async function runObtainSecret(args: ObtainSecretArgs): Promise<void> {
  const ctx = makeContext(args);
  const failures = obtainFailures(args['access-key-id']);
  await mapFailures(failures, () => parseAccessKeyId(args['access-key-id']));
  const dialMs = durationFlag('pool-dial-timeout', args['pool-dial-timeout'], ExitCode.Usage);

  // As the Go tool: the user wallet first (it signs the requests), then the gate wallet; the peer
  // is dialled meanwhile, and a wallet error is still reported before a connection error.
  const dialing = dial(args.peer, dialMs, ctx);
  const wallets = mapFailures(failures, async () => {
    let user: WalletKey | undefined;
    if (args.wallet !== undefined) {
      user = await loadWalletKey({
        path: args.wallet,
        ...(args.address === undefined ? {} : { address: args.address }),
        passwordEnv: WALLET_PASSPHRASE_ENV,
        prompt: terminalPrompt(WALLET_PASSPHRASE_ENV),
      });
    }
    const gate = await withField(
      'gateWallet',
      () =>
        loadWalletKey({
          path: args['gate-wallet'],
          ...(args['gate-address'] === undefined ? {} : { address: args['gate-address'] }),
          passwordEnv: GATE_WALLET_PASSPHRASE_ENV,
          prompt: terminalPrompt(GATE_WALLET_PASSPHRASE_ENV),
        }),
      'wallet',
    );
    return { user, gate };
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
